// Types of the @testing-library/jest-dom matchers registered by setupFilesAfterEnv (jest.config.js)
/// <reference types="@testing-library/jest-dom" />
