import info from './info';
import workflow from './workflow';
import sops from './sops';
import settings from './settings';
import publicFacts from './public';
import classification from './classification';

export default { info, workflow, sops, settings, public: publicFacts, classification };
