import info from './info';
import workflow from './workflow';
import sops from './sops';
import settings from './settings';
import publicFacts from './public';
import dip from './dip';
import notifications from './notifications';
import reports from './reports';
import classification from './classification';
import verification from './verification';
import checkpoints from './checkpoints';
import kop from './kop';

export default { info, workflow, sops, settings, public: publicFacts, dip, notifications, reports, classification, verification, checkpoints, kop };
