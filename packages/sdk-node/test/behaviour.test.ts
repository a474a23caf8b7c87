import { defineBehaviourSuite, type SdkModule } from '../../sdk-core/test/behaviour/suite.js';
import { useBehaviourEnv } from '../../sdk-core/test/node-servers.js';
import * as sdk from '../src/index.js';

// The shared behaviour suite, run with the Node SDK against real mock servers over HTTP.
// (The suite is typed against the core's source; this module re-exports the core's build,
// whose classes are the same API but, having private fields, not the same nominal types.)
defineBehaviourSuite(useBehaviourEnv(sdk as unknown as SdkModule));
