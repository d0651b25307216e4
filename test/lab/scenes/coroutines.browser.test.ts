import scene from '../../../scenes/coroutines/index.ts';
import { describeSceneInChromium } from '../sceneInChromium.ts';

describeSceneInChromium(scene);
