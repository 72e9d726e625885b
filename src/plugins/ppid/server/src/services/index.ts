import info from './info';
import access from './access';

export default { info, access };
