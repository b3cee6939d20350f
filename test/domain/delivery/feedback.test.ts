// The law's rules for feedback to the reporter, as codes: who may be told what, and in which order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkFeedback, FEEDBACK_TYPES, isFeedbackComplete, type FeedbackType } from '../../../src/domain/delivery/feedback.ts';

test('a private reporter may be told only that the report was received', () => {
  assert.deepEqual(checkFeedback('private', [], 'mottatt'), { kind: 'new' });
  for (const type of FEEDBACK_TYPES.filter((t) => t !== 'mottatt')) {
    assert.deepEqual(checkFeedback('private', ['mottatt'], type), { kind: 'notForPrivateReporter' }, type);
  }
});

test('a professional hears of receipt, then either closure or an investigation, and how the investigation ended', () => {
  assert.deepEqual(checkFeedback('professional', [], 'mottatt'), { kind: 'new' });
  assert.deepEqual(checkFeedback('professional', ['mottatt'], 'henlagt'), { kind: 'new' });
  assert.deepEqual(checkFeedback('professional', ['mottatt'], 'undersokelse-apnet'), { kind: 'new' });
  assert.deepEqual(checkFeedback('professional', ['mottatt', 'undersokelse-apnet'], 'undersokelse-tiltak'), { kind: 'new' });
  assert.deepEqual(checkFeedback('professional', ['mottatt', 'undersokelse-apnet'], 'undersokelse-henlagt'), { kind: 'new' });
  // The law does not order receipt before the outcome; a service that writes both at once may send either first.
  assert.deepEqual(checkFeedback('professional', ['henlagt'], 'mottatt'), { kind: 'new' });
});

test('closure and investigation exclude each other, as do the two ways an investigation ends', () => {
  assert.deepEqual(checkFeedback('professional', ['henlagt'], 'undersokelse-apnet'), { kind: 'conflict', reason: 'excludes', with: 'henlagt' });
  assert.deepEqual(checkFeedback('professional', ['undersokelse-apnet'], 'henlagt'), { kind: 'conflict', reason: 'excludes', with: 'undersokelse-apnet' });
  assert.deepEqual(checkFeedback('professional', ['undersokelse-apnet', 'undersokelse-tiltak'], 'undersokelse-henlagt'), { kind: 'conflict', reason: 'excludes', with: 'undersokelse-tiltak' });
  assert.deepEqual(checkFeedback('professional', ['undersokelse-apnet', 'undersokelse-henlagt'], 'undersokelse-tiltak'), { kind: 'conflict', reason: 'excludes', with: 'undersokelse-henlagt' });
});

test('an investigation cannot end before it was opened', () => {
  for (const type of ['undersokelse-henlagt', 'undersokelse-tiltak'] as const) {
    assert.deepEqual(checkFeedback('professional', ['mottatt'], type), { kind: 'conflict', reason: 'requires', with: 'undersokelse-apnet' });
    assert.deepEqual(checkFeedback('professional', ['mottatt', 'henlagt'], type), { kind: 'conflict', reason: 'requires', with: 'undersokelse-apnet' });
  }
});

test('the same feedback again is a repeat, not a conflict', () => {
  assert.deepEqual(checkFeedback('professional', ['mottatt', 'henlagt'], 'henlagt'), { kind: 'repeat' });
  assert.deepEqual(checkFeedback('private', ['mottatt'], 'mottatt'), { kind: 'repeat' });
});

test('feedback is complete when nothing more can be registered', () => {
  assert.equal(isFeedbackComplete('private', []), false);
  assert.equal(isFeedbackComplete('private', ['mottatt']), true);
  assert.equal(isFeedbackComplete('professional', ['mottatt']), false);
  assert.equal(isFeedbackComplete('professional', ['mottatt', 'undersokelse-apnet']), false);
  assert.equal(isFeedbackComplete('professional', ['henlagt']), false, 'receipt is still owed');
  for (const done of [['mottatt', 'henlagt'], ['mottatt', 'undersokelse-apnet', 'undersokelse-henlagt'], ['mottatt', 'undersokelse-apnet', 'undersokelse-tiltak']] as FeedbackType[][]) {
    assert.equal(isFeedbackComplete('professional', done), true, done.join(','));
    // Complete means every further type is a repeat or refused.
    for (const type of FEEDBACK_TYPES) assert.notEqual(checkFeedback('professional', done, type).kind, 'new', `${done.join(',')} + ${type}`);
  }
});

