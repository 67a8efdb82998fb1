// How long a text message is as a phone network counts it. Messages in the GSM 7-bit alphabet fit
// 160 characters in one message (a few characters, such as € and [, take two); one character
// outside it (a curly quote, an emoji) turns the whole message into UCS-2, which fits only 70.

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '\f^{}\\[~]|€';

const basic = new Set(GSM_BASIC);
const extended = new Set(GSM_EXTENDED);

export const SINGLE_SMS_GSM = 160;
export const SINGLE_SMS_UCS2 = 70;

export interface SmsLength {
  encoding: 'gsm7' | 'ucs2';
  /** Septets (GSM) or UTF-16 code units (UCS-2). */
  units: number;
  /** Messages the network sends it as (153 or 67 per part once split). */
  parts: number;
}

export function smsLength(text: string): SmsLength {
  let septets = 0;
  for (const ch of text) {
    if (basic.has(ch)) septets += 1;
    else if (extended.has(ch)) septets += 2;
    else {
      const units = text.length;
      return { encoding: 'ucs2', units, parts: units <= SINGLE_SMS_UCS2 ? 1 : Math.ceil(units / 67) };
    }
  }
  return { encoding: 'gsm7', units: septets, parts: septets <= SINGLE_SMS_GSM ? 1 : Math.ceil(septets / 153) };
}

/** Whether the text goes as one message in the GSM alphabet. */
export const fitsOneSms = (text: string): boolean => {
  const l = smsLength(text);
  return l.encoding === 'gsm7' && l.parts === 1;
};
