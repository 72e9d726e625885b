export const PLUGIN_ID = 'ppid';
