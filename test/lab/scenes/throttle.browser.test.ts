import scene from '../../../scenes/throttle/index.ts';
import { describeSceneInChromium } from '../sceneInChromium.ts';

describeSceneInChromium(scene);
