import info from '../platform/controllers/info';
import workflow from '../workflow/controllers/workflow';
import sops from '../workflow/controllers/sops';
import settings from '../platform/controllers/settings';
import publicFacts from '../public/controllers/public';
import dip from '../dip/controllers/dip';
import notifications from '../notifications/controllers/notifications';
import reports from '../notifications/controllers/reports';
import classification from '../classification/controllers/classification';
import verification from '../signature/controllers/verification';
import checkpoints from '../signature/controllers/checkpoints';
import kop from '../documents/controllers/kop';

export default { info, workflow, sops, settings, public: publicFacts, dip, notifications, reports, classification, verification, checkpoints, kop };
