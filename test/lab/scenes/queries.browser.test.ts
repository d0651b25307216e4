import scene from '../../../scenes/queries/index.ts';
import { describeSceneInChromium } from '../sceneInChromium.ts';

describeSceneInChromium(scene);
