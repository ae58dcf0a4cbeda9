// The tests render the H5 flavour of the components (jsdom): libraries that branch on TARO_ENV must see 'h5'.
process.env.TARO_ENV = 'h5'
