// Vocabulary from a tokenizer the file names, padded as Megatron does (GPT-NeoX and NeMo:
// megatron/tokenizer/tokenizer.py _vocab_size_with_padding pads the tokenizer's size up to a
// multiple of make_vocab_size_divisible_by x tensor-parallel size).

import { groupDigits } from '../../engine/digits';
import type { Collector } from '../collector';
import { padVocab, type KnownTokenizer } from '../tokenizers';
import type { Span } from '../yamlDoc';
import { tokenizerVocab } from './provenance';

/** The padded vocabulary of a known tokenizer, recorded on model.vocab_size with the rule; `tpKey` names the tensor-parallel key. */
export function megatronPaddedVocab(c: Collector, tok: KnownTokenizer, divisible: number, tp: number, tpKey: string, anchor: Span | undefined, key: string): number {
  const size = padVocab(tok.vocab, Math.max(1, divisible) * Math.max(1, tp));
  tokenizerVocab(c, 'model.vocab_size', `${tok.name} tokenizer, ${groupDigits(tok.vocab)} tokens (${tok.source}${tok.note ? `; ${tok.note}` : ''}), padded to a multiple of make_vocab_size_divisible_by ${divisible} × ${tpKey} ${tp} = ${groupDigits(size)}`, anchor, key);
  return size;
}
