import { portal } from '../public/middlewares/portal';

// Koa middlewares the app can enable by name in config/middlewares.ts (`plugin::ppid.<name>`).
// The document service middlewares (governance, official-nip, dip-freeze) are registered in
// register.ts instead.
export default { portal };
