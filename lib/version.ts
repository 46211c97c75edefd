import pkg from '../package.json';

export const GENERATOR = { name: 'dns-hunt', version: pkg.version } as const;
