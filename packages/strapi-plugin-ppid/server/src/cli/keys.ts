import type { CliHandlers } from './index';
import { getService } from '../services/get-service';

const keys: CliHandlers = {
  commands: {
    list: {
      async run(strapi, _args, io) {
        const { activeKeyId, keys: jwks } = getService(strapi, 'keys').jwks();
        for (const k of jwks) io.out(`${k.kid}\t${k.kid === activeKeyId ? 'active' : 'retired'}`);
        return 0;
      },
    },
    rotate: {
      async run(strapi, _args, io) {
        try {
          const { keyId, retired } = getService(strapi, 'keys').rotate();
          io.out(`new active key ${keyId}; ${retired} retired (its public key keeps verifying older records)`);
          return 0;
        } catch (e: any) {
          io.err(e.message);
          return 1;
        }
      },
    },
  },
};

export default keys;
