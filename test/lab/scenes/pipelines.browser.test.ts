import scene from '../../../scenes/pipelines/index.ts';
import { describeSceneInChromium } from '../sceneInChromium.ts';

describeSceneInChromium(scene);
