/**
 * From a sampling heap profile to the kata's functions that allocate. V8's sampling heap profiler
 * (`HeapProfiler.startSampling`) records, for a sample of the objects made, the stack of
 * JavaScript functions that made it; each function is named with its own start position, not the
 * line inside it. So this says which kata function allocated how many bytes; which lines in it
 * make objects is `allocating-lines.ts`'s part.
 */

/** ProfileCallFrame is a function in a sampled stack, as the inspector protocol gives it (0-based positions, of the code V8 ran). */
export interface ProfileCallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
  readonly columnNumber: number;
}

/** ProfileNode is one node of the profile's tree of stacks: selfSize is what was allocated with this stack on top. */
export interface ProfileNode {
  readonly id: number;
  readonly callFrame: ProfileCallFrame;
  readonly selfSize: number;
  readonly children: readonly ProfileNode[];
}

/**
 * SamplingProfile is `HeapProfiler.stopSampling`'s profile (its samples are left out: a sample's
 * size is that of a group of objects V8 allocated at once, not one object's, so it tells no kind).
 */
export interface SamplingProfile {
  readonly head: ProfileNode;
}

/** SampledFunction is one kata function that allocated: where it starts, and what it made. */
export interface SampledFunction {
  /** name is the function's name as V8 knows it (a method's own name). */
  readonly name: string;
  /** line is the kata file's line (1-based) where the function starts. */
  readonly line: number;
  /** bytes is V8's estimate of what the function allocated while sampled (sampled objects, scaled up). */
  readonly bytes: number;
}

/** ProfiledSites is what one operation allocated, by kata function, and what the calling loop did. */
export interface ProfiledSites {
  readonly functions: readonly SampledFunction[];
  /** outside is what was allocated with no kata function on the stack: the harness's loop. */
  readonly outside: number;
}

/**
 * kataFunctions attributes every sampled allocation to the innermost frame of the kata's file
 * (`kataUrl`) on its stack: the function that made it, or the one it was compiled into (V8
 * inlines small functions into their callers, and the profile then names the caller).
 * `originalLine` maps a position of the code V8 ran (0-based) to the kata's source line (1-based):
 * the kata is compiled to JavaScript, and its source map says where each function came from.
 */
export function kataFunctions(
  profile: SamplingProfile,
  kataUrl: string,
  originalLine: (line: number, column: number) => number = (line) => line + 1,
): ProfiledSites {
  const byFunction = new Map<string, { name: string; line: number; bytes: number }>();
  let outside = 0;
  const visit = (node: ProfileNode, innermost: ProfileCallFrame | undefined): void => {
    const frame = node.callFrame.url === kataUrl ? node.callFrame : innermost;
    if (node.selfSize > 0) {
      if (!frame) outside += node.selfSize;
      else {
        const line = originalLine(frame.lineNumber, frame.columnNumber);
        const key = `${frame.functionName}:${line}`;
        const entry = byFunction.get(key) ?? { name: frame.functionName, line, bytes: 0 };
        entry.bytes += node.selfSize;
        byFunction.set(key, entry);
      }
    }
    for (const child of node.children) visit(child, frame);
  };
  visit(profile.head, undefined);
  const functions = [...byFunction.values()].sort((a, b) => b.bytes - a.bytes);
  return { functions, outside };
}
