import info from './info';
import access from './access';
import sops from './sops';
import actors from './actors';
import content from './content';
import keys from './keys';
import records from './records';
import workflow from './workflow';
import timing from './timing';
import events from './events';
import directory from './directory';
import cli from './cli';
import sopDocument from './sop-document';

export default { info, access, sops, actors, content, keys, records, workflow, timing, events, directory, cli, 'sop-document': sopDocument };
