import { MemoryIndexStore } from '../../src/index/memory-store.js';
import { describeIndexStore } from './store-contract.js';

describeIndexStore('memory', { fresh: async () => new MemoryIndexStore() });
