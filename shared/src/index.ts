export * from './protocol.js';
export * from './doc-name.js';
export * from './config.js';
export * from './types.js';
export * from './node-schema.js';
export * from './image-source.js';
export * from './comments.js';
export * from './dangling-text.js';
