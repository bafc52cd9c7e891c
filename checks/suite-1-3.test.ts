import { kataSuite } from './suite.ts';

kataSuite(['kata-1', 'kata-2', 'kata-2b', 'kata-3']);
