// The English dictionary: the reference set of message keys every other locale must provide.
import { enCache } from './en/cache';
import { enCommon } from './en/common';
import { enConfig } from './en/config';
import { enLimits } from './en/limits';
import { enObserve } from './en/observe';
import { enOperate } from './en/operate';

export const en = { ...enCommon, ...enConfig, ...enLimits, ...enObserve, ...enOperate, ...enCache };

export type MessageKey = keyof typeof en;
