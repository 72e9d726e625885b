import info from './info';
import workflow from './workflow';
import sops from './sops';
import settings from './settings';
import publicFacts from './public';

export default { info, workflow, sops, settings, public: publicFacts };
