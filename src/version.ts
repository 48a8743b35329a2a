// Sent in the User-Agent; a test keeps it equal to package.json's version.
export const VERSION = '0.1.0';
export const USER_AGENT = `konigle-deploy-action/${VERSION} (+https://github.com/konigle/konigle-deploy-action)`;
