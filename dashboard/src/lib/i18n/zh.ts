// The Simplified Chinese dictionary: every English key, checked by the type of each part.
import type { MessageKey } from './en';
import { zhCache } from './zh/cache';
import { zhCommon } from './zh/common';
import { zhConfig } from './zh/config';
import { zhLimits } from './zh/limits';
import { zhObserve } from './zh/observe';
import { zhOperate } from './zh/operate';

export const zh: Record<MessageKey, string> = {
  ...zhCommon,
  ...zhConfig,
  ...zhLimits,
  ...zhObserve,
  ...zhOperate,
  ...zhCache,
};
