import { describe } from 'vitest';
import { testProfileOptions } from '../testing/profileOptions.ts';

describe('the testing API options in Chromium', () => testProfileOptions('chromium'));
