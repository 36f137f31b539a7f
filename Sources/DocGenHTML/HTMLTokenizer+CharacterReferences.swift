#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: Character references

extension HTMLTokenizer {
    /// An attribute value as a browser reads it: character references decoded, `\r\n` and `\r`
    /// read as `\n`, NUL as U+FFFD, malformed UTF-8 as U+FFFD.
    ///
    /// Named references: the HTML 4 set (plus `&apos;` and HTML5's `&AMP;`, `&COPY;`, `&GT;`, `&LT;`,
    /// `&QUOT;`, `&REG;`), with HTML5's code points (`&lang;` is U+27E8). The ~2,000 names HTML5
    /// added (`&check;`, `&NewLine;`, `&rarr;`'s aliases…) are not decoded and stay as written. As in
    /// WHATWG, the Latin-1 names and `amp`/`lt`/`gt`/`quot` also work without `;`, except before `=`
    /// or a letter or digit (`?a=1&copy=2` keeps `&copy`).
    static func decodedValue(_ p: UnsafePointer<UInt8>, _ range: Range<Int>) -> String {
        var j = range.lowerBound
        while j < range.upperBound, p[j] != UInt8(ascii: "&"), p[j] != 0x0D, p[j] != 0 { j += 1 }
        if j == range.upperBound {
            return String(decoding: UnsafeBufferPointer(start: p + range.lowerBound, count: range.count), as: UTF8.self)
        }
        var out = Array(UnsafeBufferPointer(start: p + range.lowerBound, count: j - range.lowerBound))
        out.reserveCapacity(range.count + 8)
        let end = range.upperBound
        while j < end {
            let c = p[j]
            if c == UInt8(ascii: "&") {
                j = appendReference(p, at: j, end: end, to: &out)
            } else if c == 0x0D {
                out.append(0x0A)
                j += j + 1 < end && p[j + 1] == 0x0A ? 2 : 1
            } else if c == 0 {
                appendScalar(0xFFFD, to: &out)
                j += 1
            } else {
                out.append(c)
                j += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes the reference at `&` (at `i`) into `out`, or copies it when it is none; returns where it ended.
    private static func appendReference(_ p: UnsafePointer<UInt8>, at i: Int, end: Int, to out: inout [UInt8]) -> Int {
        var j = i + 1
        if j < end, p[j] == UInt8(ascii: "#") {
            j += 1
            let hex = j < end && p[j] | 0x20 == UInt8(ascii: "x")
            if hex { j += 1 }
            let digits = j
            var value: UInt32 = 0
            while j < end, let digit = digitValue(p[j], hex: hex) {
                value = min(value * (hex ? 16 : 10) + digit, 0x110000) // stays clear of overflow
                j += 1
            }
            guard j > digits else { // `&#` or `&#x` without digits is text
                out.append(contentsOf: UnsafeBufferPointer(start: p + i, count: j - i))
                return j
            }
            if j < end, p[j] == UInt8(ascii: ";") { j += 1 }
            appendScalar(numericReference(value), to: &out)
            return j
        }
        while j < end, isLetter(p[j]) || p[j] &- 0x30 < 10 { j += 1 }
        if j > i + 1, j - i <= 32,
           let scalar = namedReferences[String(decoding: UnsafeBufferPointer(start: p + i + 1, count: j - i - 1), as: UTF8.self)] {
            if j < end, p[j] == UInt8(ascii: ";") {
                appendScalar(scalar, to: &out)
                return j + 1
            }
            let legacy = (0xA0...0xFF).contains(scalar) || [0x22, 0x26, 0x3C, 0x3E].contains(scalar)
            if legacy, !(j < end && p[j] == UInt8(ascii: "=")) {
                appendScalar(scalar, to: &out)
                return j
            }
        }
        out.append(contentsOf: UnsafeBufferPointer(start: p + i, count: j - i))
        return j
    }

    private static func digitValue(_ c: UInt8, hex: Bool) -> UInt32? {
        if c &- 0x30 < 10 { return UInt32(c - 0x30) }
        guard hex, (c | 0x20) &- 0x61 < 6 else { return nil }
        return UInt32((c | 0x20) - 0x61 + 10)
    }

    /// WHATWG's "numeric character reference end state": no NUL, surrogate or out-of-range code
    /// point, and C1 controls read as the Windows-1252 characters they were meant to be.
    private static func numericReference(_ value: UInt32) -> UInt32 {
        if value == 0 || value > 0x10FFFF || (0xD800...0xDFFF).contains(value) { return 0xFFFD }
        guard (0x80...0x9F).contains(value) else { return value }
        let windows1252: [UInt32] = [
            0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
            0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
        ]
        return windows1252[Int(value - 0x80)]
    }

    private static func appendScalar(_ value: UInt32, to out: inout [UInt8]) {
        out.append(contentsOf: String(Character(Unicode.Scalar(value) ?? "\u{FFFD}")).utf8)
    }

    /// Name to code point, from the table below.
    private static let namedReferences: [String: UInt32] = {
        var table: [String: UInt32] = [:]
        for entry in namedReferenceList.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            let parts = entry.split(separator: ":")
            table[String(parts[0])] = UInt32(parts[1], radix: 16)!
        }
        return table
    }()

    private static let namedReferenceList = """
        AElig:c6 AMP:26 Aacute:c1 Acirc:c2 Agrave:c0 Alpha:391 Aring:c5 Atilde:c3 Auml:c4 Beta:392
        COPY:a9 Ccedil:c7 Chi:3a7 Dagger:2021 Delta:394 ETH:d0 Eacute:c9 Ecirc:ca Egrave:c8 Epsilon:395
        Eta:397 Euml:cb GT:3e Gamma:393 Iacute:cd Icirc:ce Igrave:cc Iota:399 Iuml:cf Kappa:39a LT:3c
        Lambda:39b Mu:39c Ntilde:d1 Nu:39d OElig:152 Oacute:d3 Ocirc:d4 Ograve:d2 Omega:3a9 Omicron:39f
        Oslash:d8 Otilde:d5 Ouml:d6 Phi:3a6 Pi:3a0 Prime:2033 Psi:3a8 QUOT:22 REG:ae Rho:3a1 Scaron:160
        Sigma:3a3 THORN:de Tau:3a4 Theta:398 Uacute:da Ucirc:db Ugrave:d9 Upsilon:3a5 Uuml:dc Xi:39e
        Yacute:dd Yuml:178 Zeta:396 aacute:e1 acirc:e2 acute:b4 aelig:e6 agrave:e0 alefsym:2135
        alpha:3b1 amp:26 and:2227 ang:2220 apos:27 aring:e5 asymp:2248 atilde:e3 auml:e4 bdquo:201e
        beta:3b2 brvbar:a6 bull:2022 cap:2229 ccedil:e7 cedil:b8 cent:a2 chi:3c7 circ:2c6 clubs:2663
        cong:2245 copy:a9 crarr:21b5 cup:222a curren:a4 dArr:21d3 dagger:2020 darr:2193 deg:b0 delta:3b4
        diams:2666 divide:f7 eacute:e9 ecirc:ea egrave:e8 empty:2205 emsp:2003 ensp:2002 epsilon:3b5
        equiv:2261 eta:3b7 eth:f0 euml:eb euro:20ac exist:2203 fnof:192 forall:2200 frac12:bd frac14:bc
        frac34:be frasl:2044 gamma:3b3 ge:2265 gt:3e hArr:21d4 harr:2194 hearts:2665 hellip:2026
        iacute:ed icirc:ee iexcl:a1 igrave:ec image:2111 infin:221e int:222b iota:3b9 iquest:bf
        isin:2208 iuml:ef kappa:3ba lArr:21d0 lambda:3bb lang:27e8 laquo:ab larr:2190 lceil:2308
        ldquo:201c le:2264 lfloor:230a lowast:2217 loz:25ca lrm:200e lsaquo:2039 lsquo:2018 lt:3c
        macr:af mdash:2014 micro:b5 middot:b7 minus:2212 mu:3bc nabla:2207 nbsp:a0 ndash:2013 ne:2260
        ni:220b not:ac notin:2209 nsub:2284 ntilde:f1 nu:3bd oacute:f3 ocirc:f4 oelig:153 ograve:f2
        oline:203e omega:3c9 omicron:3bf oplus:2295 or:2228 ordf:aa ordm:ba oslash:f8 otilde:f5
        otimes:2297 ouml:f6 para:b6 part:2202 permil:2030 perp:22a5 phi:3c6 pi:3c0 piv:3d6 plusmn:b1
        pound:a3 prime:2032 prod:220f prop:221d psi:3c8 quot:22 rArr:21d2 radic:221a rang:27e9 raquo:bb
        rarr:2192 rceil:2309 rdquo:201d real:211c reg:ae rfloor:230b rho:3c1 rlm:200f rsaquo:203a
        rsquo:2019 sbquo:201a scaron:161 sdot:22c5 sect:a7 shy:ad sigma:3c3 sigmaf:3c2 sim:223c
        spades:2660 sub:2282 sube:2286 sum:2211 sup:2283 sup1:b9 sup2:b2 sup3:b3 supe:2287 szlig:df
        tau:3c4 there4:2234 theta:3b8 thetasym:3d1 thinsp:2009 thorn:fe tilde:2dc times:d7 trade:2122
        uArr:21d1 uacute:fa uarr:2191 ucirc:fb ugrave:f9 uml:a8 upsih:3d2 upsilon:3c5 uuml:fc
        weierp:2118 xi:3be yacute:fd yen:a5 yuml:ff zeta:3b6 zwj:200d zwnj:200c
        """
}
