/// One piece of a template's text: literal text, or a tag.
struct Token {
    enum Kind { case text, variable, raw, section, inverted, close, partial, comment, delimiter }
    var kind: Kind
    var name: String = ""
    /// The literal text; for a standalone partial, its indentation.
    var bytes: [UInt8] = []
    var line = 1
    var column = 1
    /// A text token that begins a line (after a standalone tag took the line before it away).
    var startsLine = false

    var canStandAlone: Bool {
        switch kind {
        case .section, .inverted, .close, .partial, .comment, .delimiter: return true
        default: return false
        }
    }
}

/// Splits a template into tokens and applies the standalone-line rule: a section, inverted,
/// closing, partial, comment or delimiter tag alone on its line takes the whole line with it.
struct Tokenizer {
    let source: [UInt8]
    var open: [UInt8] = Array("{{".utf8)
    var close: [UInt8] = Array("}}".utf8)

    init(_ source: [UInt8]) { self.source = source }

    mutating func tokens() throws(Template.SyntaxError) -> [Token] {
        var tokens = try scan()
        standalone(&tokens)
        return tokens.filter { $0.kind != .comment && $0.kind != .delimiter && !($0.kind == .text && $0.bytes.isEmpty) }
    }

    private func position(_ offset: Int) -> (Int, Int) {
        var line = 1, column = 1
        for i in 0..<min(offset, source.count) {
            if source[i] == 10 { line += 1; column = 1 } else if source[i] & 0xC0 != 0x80 { column += 1 }
        }
        return (line, column)
    }

    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, source.count >= needle.count else { return nil }
        var i = start
        while i <= source.count - needle.count {
            if source[i] == needle[0], source[i..<i + needle.count].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    private mutating func scan() throws(Template.SyntaxError) -> [Token] {
        var tokens: [Token] = []
        var i = 0
        while i < source.count {
            guard let start = find(open, from: i) else {
                tokens.append(Token(kind: .text, bytes: Array(source[i...])))
                break
            }
            if start > i { tokens.append(Token(kind: .text, bytes: Array(source[i..<start]))) }
            let (line, column) = position(start)
            var contentStart = start + open.count
            var kind = Token.Kind.variable
            var closing = close
            if contentStart < source.count {
                switch source[contentStart] {
                case UInt8(ascii: "#"): kind = .section
                case UInt8(ascii: "^"): kind = .inverted
                case UInt8(ascii: "/"): kind = .close
                case UInt8(ascii: ">"): kind = .partial
                case UInt8(ascii: "!"): kind = .comment
                case UInt8(ascii: "&"): kind = .raw
                case UInt8(ascii: "="): kind = .delimiter; closing = Array("=".utf8) + close
                case UInt8(ascii: "{"): kind = .raw; closing = Array("}".utf8) + close
                case UInt8(ascii: "<"), UInt8(ascii: "$"):
                    throw Template.SyntaxError(message: "template inheritance ('{{<' and '{{$') is not supported", line: line, column: column)
                default: break
                }
                if kind != .variable { contentStart += 1 }
            }
            guard let end = find(closing, from: contentStart) else {
                throw Template.SyntaxError(message: "tag is never closed with '\(String(decoding: closing, as: UTF8.self))'", line: line, column: column)
            }
            let content = String(decoding: source[contentStart..<end], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            i = end + closing.count
            if kind == .delimiter {
                let parts = content.split(separator: " ", omittingEmptySubsequences: true)
                guard parts.count == 2 else {
                    throw Template.SyntaxError(message: "a delimiter change needs two delimiters, like '{{=<% %>=}}'", line: line, column: column)
                }
                open = Array(parts[0].utf8)
                close = Array(parts[1].utf8)
            } else if kind != .comment, content.isEmpty {
                throw Template.SyntaxError(message: "empty tag", line: line, column: column)
            }
            tokens.append(Token(kind: kind, name: kind == .comment ? "" : content, line: line, column: column))
        }
        return tokens
    }

    private static func isBlank(_ bytes: ArraySlice<UInt8>) -> Bool { bytes.allSatisfy { $0 == 32 || $0 == 9 } }

    /// Removes the lines that hold only a standalone tag.
    private func standalone(_ tokens: inout [Token]) {
        for i in tokens.indices where tokens[i].canStandAlone {
            // Before: the start of the template, or text whose last line is blank so far.
            var indentStart: Int?
            if i == 0 {
                indentStart = nil
            } else {
                let previous = tokens[i - 1]
                guard previous.kind == .text else { continue }
                if let newline = previous.bytes.lastIndex(of: 10) {
                    guard Self.isBlank(previous.bytes[(newline + 1)...]) else { continue }
                    indentStart = newline + 1
                } else {
                    guard (i - 1 == 0 || previous.startsLine), Self.isBlank(previous.bytes[...]) else { continue }
                    indentStart = 0
                }
            }
            // After: the end of the template, or text whose first line is blank up to its newline.
            var lineEnd: Int?
            if i + 1 < tokens.count {
                let next = tokens[i + 1]
                guard next.kind == .text else { continue }
                if let newline = next.bytes.firstIndex(of: 10) {
                    var blankEnd = newline
                    if blankEnd > 0, next.bytes[blankEnd - 1] == 13 { blankEnd -= 1 }
                    guard Self.isBlank(next.bytes[..<blankEnd]) else { continue }
                    lineEnd = newline + 1
                } else {
                    guard i + 1 == tokens.count - 1, Self.isBlank(next.bytes[...]) else { continue }
                    lineEnd = next.bytes.count
                }
            }
            if let indentStart {
                if tokens[i].kind == .partial { tokens[i].bytes = Array(tokens[i - 1].bytes[indentStart...]) }
                tokens[i - 1].bytes.removeSubrange(indentStart...)
            }
            if let lineEnd {
                tokens[i + 1].bytes.removeSubrange(..<lineEnd)
                tokens[i + 1].startsLine = true
            }
        }
    }
}

import Foundation
