import * as sdk from '../src/index.js';
import { defineBehaviourSuite } from './behaviour/suite.js';
import { useBehaviourEnv } from './node-servers.js';

// The core on its own (web-standard platform defaults), against real mock servers over HTTP.
defineBehaviourSuite(useBehaviourEnv(sdk));
