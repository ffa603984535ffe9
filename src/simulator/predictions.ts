/**
 * What `GET /v0/batch/jobs/{id}/predictions` answers for a completed job, in the real API's shape:
 * one entry per input (`source`, `results.predictions[]`, `results.errors[]`), each prediction's
 * `models` holding, per requested model, `{ metadata, grouped_predictions: [{ id, predictions }] }`.
 * The entries per model, as the official SDK types them (hume 0.15.17: FacePrediction,
 * BurstPrediction, ProsodyPrediction, LanguagePrediction, NerPrediction, FacemeshPrediction) and
 * as Hume's API reference shows them ("Get job predictions" on dev.hume.ai):
 *  - face: `frame`, `time` (seconds, a plain number), `prob`, `box` {x, y, w, h}, `emotions`;
 *    `facs` and `descriptions` only when the job asked for them;
 *  - burst: `time` {begin, end}, `emotions`, `descriptions`;
 *  - prosody: `text`, `time` {begin, end}, `confidence`, `speaker_confidence`, `emotions`;
 *  - language: `text`, `position` {begin, end} (character offsets), `time` ({begin, end}, or null
 *    for text input), `confidence`, `speaker_confidence`, `emotions`; `sentiment`/`toxicity` when asked;
 *  - ner: `entity`, `position`, `entity_confidence`, `support`, `uri`, `link_word`, `time`,
 *    `confidence`, `speaker_confidence`, `emotions`;
 *  - facemesh: `emotions` only.
 * Transcribed models carry `metadata` {confidence, detected_language}; the others `null`. No other
 * key: sdk-contract.test.ts parses every answer with the SDK's serializers, unknown keys rejected.
 * The numbers are synthetic, reproducible from the job id.
 */
import { mulberry32, type RawBatchJob } from './job-book';

type Random = () => number;
type Options = Record<string, unknown> | null | undefined;

/** A few of the real emotion names (the models score about fifty). */
const EMOTIONS = ['Calmness', 'Concentration', 'Confusion', 'Interest', 'Joy', 'Sadness', 'Tiredness'];
const FACS = ['AU1', 'AU2', 'AU4', 'AU6', 'AU12'];
const FACE_DESCRIPTIONS = ['Smile', 'Frown', 'Glare'];
const BURST_DESCRIPTIONS = ['Laugh', 'Sigh', 'Gasp'];
/** Sentiment is scored on a 1–9 scale; toxicity on these categories. */
const SENTIMENT = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];
const TOXICITY = ['toxic', 'severe_toxic', 'obscene', 'threat', 'insult', 'identity_hate'];
const TRANSCRIPT = 'Thanks for joining the call today, Ada from Paris.';
const MAX_WORDS = 8;

interface Input {
  source: Record<string, unknown>;
  file: string;
  /** What the language models read: the text itself, or the media's transcript. */
  text: string;
  transcribed: boolean;
}

export function predictionsFor(job: RawBatchJob): unknown[] {
  const { request, state } = job;
  const inputs: Input[] = [
    ...request.files.map((file) => ({ source: { type: 'file', ...file }, file: file.filename, text: TRANSCRIPT, transcribed: true })),
    ...request.urls.map((url) => ({ source: { type: 'url', url }, file: url.split('/').pop() ?? url, text: TRANSCRIPT, transcribed: true })),
    ...request.text.map((text, i) => ({ source: { type: 'text' }, file: `text-${i + 1}`, text, transcribed: false })),
  ];
  const random = mulberry32([...job.job_id].reduce((sum, char) => (sum * 31 + char.charCodeAt(0)) >>> 0, 7));
  const requested = Object.entries(request.models).filter(([, options]) => options !== null);
  return inputs.map((input, i) => ({
    source: input.source,
    results: {
      predictions: [{ file: input.file, models: Object.fromEntries(requested.map(([model, options]) => [model, modelPrediction(model, options, input, random)])) }],
      // The first inputs carry the job's per-file errors (a COMPLETED job may have some).
      errors: i < (state.num_errors ?? 0) ? [{ message: 'E0202: No audio signal detected in media', file: input.file }] : [],
    },
  }));
}

function modelPrediction(model: string, options: Options, input: Input, random: Random): unknown {
  const metadata = input.transcribed && model !== 'face' && model !== 'burst' && model !== 'facemesh' ? { confidence: round(0.8 + random() / 5), detected_language: 'en' } : null;
  return { metadata, grouped_predictions: [{ id: 'unknown', predictions: entries(model, options, input, random) }] };
}

function entries(model: string, options: Options, input: Input, random: Random): unknown[] {
  const scores = (names: readonly string[]) => names.map((name) => ({ name, score: round(random()) }));
  const interval = (begin: number) => ({ begin, end: round(begin + 0.2 + random()) });
  const words = wordsOf(input.text);
  const timeOf = (index: number) => (input.transcribed ? interval(index * 0.6) : null);
  switch (model) {
    case 'face':
      return [0, 1].map((frame) => ({
        frame,
        time: round(frame / 3),
        prob: round(0.99 + random() / 100),
        box: { x: round(400 + random() * 50), y: round(300 + random() * 50), w: 220, h: 260 },
        emotions: scores(EMOTIONS),
        ...(options?.facs ? { facs: scores(FACS) } : {}),
        ...(options?.descriptions ? { descriptions: scores(FACE_DESCRIPTIONS) } : {}),
      }));
    case 'burst':
      return [{ time: interval(1.5), emotions: scores(EMOTIONS), descriptions: scores(BURST_DESCRIPTIONS) }];
    case 'prosody':
      return [{ text: input.text, time: interval(0), confidence: round(0.9 + random() / 10), speaker_confidence: null, emotions: scores(EMOTIONS) }];
    case 'language':
      return words.map((word, index) => ({
        text: word.text,
        position: word.position,
        time: timeOf(index),
        confidence: input.transcribed ? round(0.9 + random() / 10) : null,
        speaker_confidence: null,
        emotions: scores(EMOTIONS),
        ...(options?.sentiment ? { sentiment: scores(SENTIMENT) } : {}),
        ...(options?.toxicity ? { toxicity: scores(TOXICITY) } : {}),
      }));
    case 'ner':
      return words.slice(-2).map((word, index) => ({
        entity: word.text,
        position: word.position,
        entity_confidence: round(0.8 + random() / 5),
        support: round(random() * 10),
        uri: `https://www.wikidata.org/wiki/Q${90 + index}`,
        link_word: word.text,
        time: timeOf(Math.max(0, words.length - 2) + index),
        confidence: null,
        speaker_confidence: null,
        emotions: scores(EMOTIONS),
      }));
    case 'facemesh':
      return [{ emotions: scores(EMOTIONS) }];
    default:
      return [];
  }
}

/** The first words of `text` with their character offsets (`end` just past the word: Hume's API reference does not say; our reading). */
function wordsOf(text: string): { text: string; position: { begin: number; end: number } }[] {
  return [...text.matchAll(/[\p{L}\p{N}’']+/gu)].slice(0, MAX_WORDS).map((match) => ({ text: match[0], position: { begin: match.index, end: match.index + match[0].length } }));
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
