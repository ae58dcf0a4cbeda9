// Stylesheets are irrelevant in jsdom: every CSS/SCSS import resolves to an empty module.
module.exports = {}
