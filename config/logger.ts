import { winston, formats } from '@strapi/logger';

// LOG_LEVEL lets tests and benchmarks run quietly; the default is Strapi's own.
export default {
  transports: [
    new winston.transports.Console({
      level: process.env.LOG_LEVEL || 'http',
      format: winston.format.combine(formats.prettyPrint({ timestamps: 'YYYY-MM-DD HH:mm:ss.SSS' })),
    }),
  ],
};
