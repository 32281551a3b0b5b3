// The package version, written into every result record.
export const VERSION = '0.1.0';
