/** `npm run test:reliability`: the apply reliability suite (built CLI as processes; QGOV_RELIABILITY=full for the long profile). */
const base = require('./jest.config.js');

module.exports = { ...base, roots: ['<rootDir>/test/reliability'], testPathIgnorePatterns: ['/node_modules/'], testTimeout: 300000 };
