import { describe } from 'vitest';
import { testProfileOptions } from './profileOptions.ts';

describe('the testing API options in Node', () => testProfileOptions('node'));
