import { MemoryIndexStore } from '../src/index/memory-store.js';
import { describeIndexStore } from './store-suite.js';

describeIndexStore('memory', { fresh: async () => new MemoryIndexStore() });
