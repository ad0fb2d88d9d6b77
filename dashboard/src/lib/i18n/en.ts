// The English dictionary: the reference set of message keys every other locale must provide.
import { enCache } from './en/cache';
import { enCommon } from './en/common';
import { enConfig } from './en/config';
import { enObserve } from './en/observe';

export const en = { ...enCommon, ...enConfig, ...enObserve, ...enCache };

export type MessageKey = keyof typeof en;
