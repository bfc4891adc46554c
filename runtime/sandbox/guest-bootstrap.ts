// Guest JavaScript evaluated first in every run's context: console, the host function and a tiny
// CommonJS loader. It runs inside QuickJS; nothing it does is trusted by the host.
import { LINE_MAX_CHARS } from './output-budget.js';

/** Tags of the raw host function's reply string: one character, then the body. */
export const REPLY = { result: 'R', error: 'E', asyncMisuse: 'A' } as const;

export const CONSOLE_LEVELS = ['log', 'info', 'warn', 'error', 'debug'] as const;

/**
 * Each unit's compiled code is evaluated as this function expression, under the unit's own
 * filename. The prefix shares line 1 with the code so that line numbers need no shifting; only
 * columns on line 1 move by `UNIT_PREFIX.length` (source-map.ts takes it off).
 */
export const UNIT_PREFIX = '(function (exports, require, module, __filename, __dirname) {';
export const UNIT_SUFFIX = '\n})';

/**
 * A function expression of (rawHost, rawConsole, reportAsyncMisuse, rawPost) returning the loader
 * `{ define(id, deps, fn), prepareStart(entry) }`. It installs `console` and `__payscriptHost`
 * (configurable, so the prelude can capture and delete it) with its `post`.
 */
export const BOOTSTRAP_SOURCE = String.raw`(function (rawHost, rawConsole, reportAsyncMisuse, rawPost) {
  'use strict';
  var global = globalThis;

  function replyOf(reply) {
    var tag = reply.charAt(0);
    if (tag === '${REPLY.result}') return reply.slice(1);
    var error = new Error(reply.slice(1));
    if (tag === '${REPLY.asyncMisuse}') {
      error.name = 'AsyncMisuseError';
      reportAsyncMisuse(String(error.stack));
    }
    throw error;
  }
  function hostCall(op, payloadJson) {
    return replyOf(rawHost(String(op), payloadJson === undefined ? 'null' : String(payloadJson)));
  }
  // A call whose answer the guest does not need: sent, and the script goes on at once. The host
  // applies it before the run's next call; if it fails, that call (or else the run) fails with it.
  hostCall.post = function (op, payloadJson) {
    replyOf(rawPost(String(op), payloadJson === undefined ? 'null' : String(payloadJson)));
  };
  Object.defineProperty(global, '__payscriptHost', { value: hostCall, writable: true, configurable: true, enumerable: false });

  function quote(s) {
    return "'" + s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n') + "'";
  }
  function inspect(value, depth, seen) {
    switch (typeof value) {
      case 'string': return depth === 0 ? value : quote(value);
      case 'number': return Object.is(value, -0) ? '-0' : String(value);
      case 'bigint': return String(value) + 'n';
      case 'undefined': case 'boolean': case 'symbol': return String(value);
      case 'function': return '[Function: ' + (value.name || '(anonymous)') + ']';
    }
    if (value === null) return 'null';
    if (value instanceof Error) return value.stack ? value.name + ': ' + value.message + '\n' + value.stack.replace(/\n$/, '') : value.name + ': ' + value.message;
    if (value instanceof Date) return isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
    if (seen.indexOf(value) >= 0) return '[Circular]';
    if (depth > 2) return Array.isArray(value) ? '[Array]' : '[Object]';
    seen.push(value);
    var parts = [];
    if (Array.isArray(value)) {
      for (var i = 0; i < value.length && i < 100; i++) parts.push(inspect(value[i], depth + 1, seen));
      if (value.length > 100) parts.push('... ' + (value.length - 100) + ' more items');
      seen.pop();
      return parts.length ? '[ ' + parts.join(', ') + ' ]' : '[]';
    }
    var keys = Object.keys(value);
    for (var k = 0; k < keys.length; k++) {
      var key = /^[A-Za-z_$][\w$]*$/.test(keys[k]) ? keys[k] : quote(keys[k]);
      parts.push(key + ': ' + inspect(value[keys[k]], depth + 1, seen));
    }
    seen.pop();
    return parts.length ? '{ ' + parts.join(', ') + ' }' : '{}';
  }
  function format(args) {
    var out = [];
    var start = 0;
    if (typeof args[0] === 'string' && args.length > 1 && args[0].indexOf('%') >= 0) {
      var next = 1;
      out.push(args[0].replace(/%[sdifjoO%]/g, function (spec) {
        if (spec === '%%') return '%';
        if (next >= args.length) return spec;
        var arg = args[next++];
        switch (spec) {
          case '%s': return typeof arg === 'string' ? arg : inspect(arg, 1, []);
          case '%d': case '%i': return typeof arg === 'object' ? 'NaN' : String(spec === '%i' ? parseInt(arg, 10) : Number(arg));
          case '%f': return String(parseFloat(arg));
          case '%j': try { return JSON.stringify(arg); } catch (e) { return '[Circular]'; }
          default: return inspect(arg, 1, []);
        }
      }));
      start = next;
    }
    for (var i = start; i < args.length; i++) out.push(inspect(args[i], 0, []));
    return out.join(' ');
  }
  // A line is cut here so that only its head is copied out of the instance. Taken before any script
  // runs: a script that replaces String.prototype.slice cannot hand over more.
  var apply = Reflect.apply;
  var sliceString = String.prototype.slice;
  function emit(index, text) {
    if (typeof text !== 'string') text = String(text);
    var length = text.length;
    rawConsole(index, length > ${LINE_MAX_CHARS} ? apply(sliceString, text, [0, ${LINE_MAX_CHARS}]) : text, length);
  }
  var levels = ${JSON.stringify(CONSOLE_LEVELS)};
  var consoleObject = {};
  levels.forEach(function (level, index) {
    consoleObject[level] = function () { emit(index, format(Array.prototype.slice.call(arguments))); };
  });
  Object.defineProperty(global, 'console', { value: consoleObject, writable: true, configurable: true, enumerable: false });

  var definitions = Object.create(null);
  var cache = Object.create(null);
  function load(id) {
    var cached = cache[id];
    if (cached) return cached.exports;
    var definition = definitions[id];
    var module = { exports: {}, id: id };
    cache[id] = module;
    var dirname = id.slice(0, id.lastIndexOf('/')) || '/';
    function require(specifier) {
      var target = definition.deps[specifier];
      if (target === undefined) throw new Error("Cannot find module '" + specifier + "' from " + id);
      return load(target);
    }
    definition.fn.call(module.exports, module.exports, require, module, id, dirname);
    return module.exports;
  }
  return {
    define: function (id, deps, fn) { definitions[id] = { deps: deps, fn: fn }; },
    // evalCodeAsync is the only entry that may suspend, and it evaluates global code: the entry is
    // started through a global that removes itself before any script code runs.
    prepareStart: function (entry) {
      Object.defineProperty(global, '__payscriptStart', {
        configurable: true,
        value: function () { delete global.__payscriptStart; load(entry); },
      });
    },
  };
})`;
