using System;
using System.Text;

namespace NetGen.Safetensors
{
    /// <summary>
    /// A strict pull reader for the subset of JSON (RFC 8259) a safetensors header uses, plus validated skipping of any
    /// other value. Hand-written because the generator (netstandard2.0) has no System.Text.Json. It never throws: each
    /// method returns false and sets <see cref="Error"/> and <see cref="ErrorOffset"/> on the first violation. Nesting is
    /// capped so hostile input cannot exhaust the stack, and strings must be valid UTF-8 with no lone surrogates.
    /// </summary>
    internal ref struct StrictJsonReader
    {
        /// <summary>Deeper nesting than this is rejected; safetensors headers nest three levels.</summary>
        public const int MaxDepth = 64;

        private readonly ReadOnlySpan<byte> _json;
        private readonly long _fileOffset;
        private int _pos;

        /// <param name="json">The JSON text.</param>
        /// <param name="fileOffset">Where <paramref name="json"/> starts in the file, so errors report file offsets.</param>
        public StrictJsonReader(ReadOnlySpan<byte> json, long fileOffset)
        {
            _json = json;
            _fileOffset = fileOffset;
            _pos = 0;
            Error = null;
            ErrorOffset = -1;
        }

        public string? Error { get; private set; }

        /// <summary>File offset of the error.</summary>
        public long ErrorOffset { get; private set; }

        /// <summary>File offset of the next unread byte.</summary>
        public long FileOffset => _fileOffset + _pos;

        /// <summary>Skips whitespace and tells whether nothing else follows.</summary>
        public bool SkipWhitespaceToEnd()
        {
            SkipWhitespace();
            return _pos >= _json.Length;
        }

        /// <summary>Records an error at the current position; returns false so callers can <c>return Fail(...)</c>.</summary>
        public bool Fail(string message) => FailAt(_pos, message);

        /// <summary>Records an error at a file offset; returns false.</summary>
        public bool FailAtFileOffset(long fileOffset, string message)
        {
            if (Error is null)
            {
                Error = message;
                ErrorOffset = fileOffset;
            }

            return false;
        }

        /// <summary>Consumes <paramref name="c"/> after optional whitespace.</summary>
        public bool Expect(char c)
        {
            SkipWhitespace();
            if (_pos < _json.Length && _json[_pos] == c)
            {
                _pos++;
                return true;
            }

            return FailAt(_pos, $"expected '{c}' but found {Describe(_pos)}");
        }

        /// <summary>Consumes <paramref name="c"/> if it is next (after whitespace).</summary>
        public bool TryConsume(char c)
        {
            SkipWhitespace();
            if (_pos < _json.Length && _json[_pos] == c)
            {
                _pos++;
                return true;
            }

            return false;
        }

        /// <summary>Whether the next token starts with <paramref name="c"/> (after whitespace), without consuming it.</summary>
        public bool PeekIs(char c)
        {
            SkipWhitespace();
            return _pos < _json.Length && _json[_pos] == c;
        }

        /// <summary>Reads a string token, decoding escapes and UTF-8.</summary>
        public bool ReadString(out string value)
        {
            value = "";
            SkipWhitespace();
            if (_pos >= _json.Length || _json[_pos] != '"') return FailAt(_pos, $"expected a string but found {Describe(_pos)}");
            int start = _pos;
            _pos++;
            var sb = new StringBuilder();
            while (true)
            {
                if (_pos >= _json.Length) return FailAt(start, "unterminated string");
                byte b = _json[_pos];
                if (b == '"')
                {
                    _pos++;
                    value = sb.ToString();
                    return true;
                }

                if (b < 0x20) return FailAt(_pos, $"control character 0x{b:X2} inside a string must be escaped");
                if (b == '\\')
                {
                    if (!ReadEscape(sb)) return false;
                }
                else if (b < 0x80)
                {
                    sb.Append((char)b);
                    _pos++;
                }
                else if (!ReadUtf8Sequence(sb))
                {
                    return false;
                }
            }
        }

        /// <summary>Reads a JSON integer that must be non-negative and fit in a long (no fraction, no exponent).</summary>
        public bool ReadNonNegativeInteger(out long value)
        {
            value = 0;
            SkipWhitespace();
            int start = _pos;
            if (_pos >= _json.Length || _json[_pos] < '0' || _json[_pos] > '9')
                return FailAt(_pos, $"expected a non-negative integer but found {Describe(_pos)}");
            if (_json[_pos] == '0' && _pos + 1 < _json.Length && IsDigit(_json[_pos + 1]))
                return FailAt(_pos, "JSON numbers cannot have leading zeros");
            while (_pos < _json.Length && IsDigit(_json[_pos]))
            {
                int digit = _json[_pos] - '0';
                if (value > (long.MaxValue - digit) / 10) return FailAt(start, "integer is too large");
                value = value * 10 + digit;
                _pos++;
            }

            if (_pos < _json.Length && (_json[_pos] == '.' || _json[_pos] == 'e' || _json[_pos] == 'E'))
                return FailAt(start, "expected an integer but found a number with a fraction or exponent");
            return true;
        }

        /// <summary>Validates and skips any JSON value.</summary>
        public bool SkipValue() => SkipValue(0);

        private bool SkipValue(int depth)
        {
            if (depth >= MaxDepth) return FailAt(_pos, $"JSON nesting deeper than {MaxDepth} levels");
            SkipWhitespace();
            if (_pos >= _json.Length) return FailAt(_pos, "unexpected end of the header: expected a value");
            switch (_json[_pos])
            {
                case (byte)'"':
                    return ReadString(out _);
                case (byte)'{':
                    _pos++;
                    if (TryConsume('}')) return true;
                    do
                    {
                        if (!ReadString(out _) || !Expect(':') || !SkipValue(depth + 1)) return false;
                    }
                    while (TryConsume(','));
                    return Expect('}');
                case (byte)'[':
                    _pos++;
                    if (TryConsume(']')) return true;
                    do
                    {
                        if (!SkipValue(depth + 1)) return false;
                    }
                    while (TryConsume(','));
                    return Expect(']');
                case (byte)'t':
                    return SkipLiteral("true");
                case (byte)'f':
                    return SkipLiteral("false");
                case (byte)'n':
                    return SkipLiteral("null");
                default:
                    return SkipNumber();
            }
        }

        private bool SkipLiteral(string literal)
        {
            for (int i = 0; i < literal.Length; i++)
                if (_pos + i >= _json.Length || _json[_pos + i] != literal[i]) return FailAt(_pos, $"invalid literal (expected '{literal}')");
            _pos += literal.Length;
            return true;
        }

        private bool SkipNumber()
        {
            int start = _pos;
            if (_pos < _json.Length && _json[_pos] == '-') _pos++;
            if (_pos >= _json.Length || !IsDigit(_json[_pos])) return FailAt(start, $"expected a value but found {Describe(start)}");
            if (_json[_pos] == '0') _pos++;
            else while (_pos < _json.Length && IsDigit(_json[_pos])) _pos++;
            if (_pos < _json.Length && _json[_pos] == '.')
            {
                _pos++;
                if (_pos >= _json.Length || !IsDigit(_json[_pos])) return FailAt(_pos, "a decimal point must be followed by digits");
                while (_pos < _json.Length && IsDigit(_json[_pos])) _pos++;
            }

            if (_pos < _json.Length && (_json[_pos] == 'e' || _json[_pos] == 'E'))
            {
                _pos++;
                if (_pos < _json.Length && (_json[_pos] == '+' || _json[_pos] == '-')) _pos++;
                if (_pos >= _json.Length || !IsDigit(_json[_pos])) return FailAt(_pos, "an exponent must have digits");
                while (_pos < _json.Length && IsDigit(_json[_pos])) _pos++;
            }

            return true;
        }

        private bool ReadEscape(StringBuilder sb)
        {
            int start = _pos;
            if (_pos + 1 >= _json.Length) return FailAt(start, "unterminated escape sequence");
            byte e = _json[_pos + 1];
            _pos += 2;
            switch (e)
            {
                case (byte)'"': sb.Append('"'); return true;
                case (byte)'\\': sb.Append('\\'); return true;
                case (byte)'/': sb.Append('/'); return true;
                case (byte)'b': sb.Append('\b'); return true;
                case (byte)'f': sb.Append('\f'); return true;
                case (byte)'n': sb.Append('\n'); return true;
                case (byte)'r': sb.Append('\r'); return true;
                case (byte)'t': sb.Append('\t'); return true;
                case (byte)'u':
                    if (!ReadHex4(start, out int unit)) return false;
                    if (unit >= 0xD800 && unit <= 0xDBFF)
                    {
                        // A high surrogate must be followed by an escaped low surrogate.
                        if (_pos + 1 >= _json.Length || _json[_pos] != '\\' || _json[_pos + 1] != 'u')
                            return FailAt(start, "lone high surrogate in \\u escape");
                        _pos += 2;
                        if (!ReadHex4(start, out int low)) return false;
                        if (low < 0xDC00 || low > 0xDFFF) return FailAt(start, "high surrogate not followed by a low surrogate");
                        sb.Append((char)unit).Append((char)low);
                        return true;
                    }

                    if (unit >= 0xDC00 && unit <= 0xDFFF) return FailAt(start, "lone low surrogate in \\u escape");
                    sb.Append((char)unit);
                    return true;
                default:
                    return FailAt(start, $"invalid escape sequence '\\{(e >= 0x20 && e < 0x7F ? ((char)e).ToString() : $"0x{e:X2}")}'");
            }
        }

        private bool ReadHex4(int escapeStart, out int value)
        {
            value = 0;
            if (_pos + 4 > _json.Length) return FailAt(escapeStart, "truncated \\u escape");
            for (int i = 0; i < 4; i++)
            {
                int h = HexValue(_json[_pos + i]);
                if (h < 0) return FailAt(escapeStart, "\\u escape needs four hexadecimal digits");
                value = value * 16 + h;
            }

            _pos += 4;
            return true;
        }

        /// <summary>Decodes one multi-byte UTF-8 sequence, rejecting overlong forms, surrogates and values above U+10FFFF.</summary>
        private bool ReadUtf8Sequence(StringBuilder sb)
        {
            byte b0 = _json[_pos];
            int length, min, codePoint;
            if (b0 >= 0xC2 && b0 <= 0xDF) { length = 2; min = 0x80; codePoint = b0 & 0x1F; }
            else if (b0 >= 0xE0 && b0 <= 0xEF) { length = 3; min = 0x800; codePoint = b0 & 0x0F; }
            else if (b0 >= 0xF0 && b0 <= 0xF4) { length = 4; min = 0x10000; codePoint = b0 & 0x07; }
            else return FailAt(_pos, $"invalid UTF-8 lead byte 0x{b0:X2}");
            if (_pos + length > _json.Length) return FailAt(_pos, "truncated UTF-8 sequence");
            for (int i = 1; i < length; i++)
            {
                byte b = _json[_pos + i];
                if ((b & 0xC0) != 0x80) return FailAt(_pos + i, $"invalid UTF-8 continuation byte 0x{b:X2}");
                codePoint = (codePoint << 6) | (b & 0x3F);
            }

            if (codePoint < min || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF))
                return FailAt(_pos, "invalid UTF-8 sequence (overlong, surrogate or beyond U+10FFFF)");
            _pos += length;
            if (codePoint >= 0x10000)
            {
                codePoint -= 0x10000;
                sb.Append((char)(0xD800 + (codePoint >> 10))).Append((char)(0xDC00 + (codePoint & 0x3FF)));
            }
            else
            {
                sb.Append((char)codePoint);
            }

            return true;
        }

        private void SkipWhitespace()
        {
            while (_pos < _json.Length)
            {
                byte b = _json[_pos];
                if (b != ' ' && b != '\t' && b != '\n' && b != '\r') return;
                _pos++;
            }
        }

        private bool FailAt(int pos, string message) => FailAtFileOffset(_fileOffset + pos, message);

        private string Describe(int pos)
        {
            if (pos >= _json.Length) return "the end of the header";
            byte b = _json[pos];
            return b >= 0x20 && b < 0x7F ? $"'{(char)b}'" : $"byte 0x{b:X2}";
        }

        private static bool IsDigit(byte b) => b >= '0' && b <= '9';

        private static int HexValue(byte b) =>
            b >= '0' && b <= '9' ? b - '0' : b >= 'a' && b <= 'f' ? b - 'a' + 10 : b >= 'A' && b <= 'F' ? b - 'A' + 10 : -1;
    }
}
