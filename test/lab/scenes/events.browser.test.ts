import scene from '../../../scenes/events/index.ts';
import { describeSceneInChromium } from '../sceneInChromium.ts';

describeSceneInChromium(scene);
