import Testing

@testable import Codecs

private func value(_ text: String) throws -> YAMLNode {
    let root = try YAMLParser().parse("v: \(text)\n", file: "test.yaml")
    return try #require(root["v"])
}

@Suite struct CoreSchemaTests {
    @Test func yaml11WordsStayStrings() throws {
        for text in ["no", "on", "yes", "off", "y", "N"] {
            let node = try value(text)
            #expect(node.string == text)
            #expect(node.bool == nil, "\(text) must not be a boolean")
            #expect(!node.isNull)
        }
    }

    @Test func plainTrueFalseAreBooleans() throws {
        for (text, expected) in [
            ("true", true), ("True", true), ("TRUE", true),
            ("false", false), ("False", false), ("FALSE", false),
        ] {
            #expect(try value(text).bool == expected, "\(text)")
        }
        #expect(try value("tRUE").bool == nil)
    }

    @Test func quotedTrueIsString() throws {
        let node = try value("\"true\"")
        #expect(node.scalar == YAMLNode.Scalar(text: "true", style: .doubleQuoted))
        #expect(node.bool == nil)
        #expect(try value("'true'").bool == nil)
    }

    @Test func versionNumberKeepsText() throws {
        let node = try value("3.10")
        #expect(node.string == "3.10")
        #expect(node.double == 3.1)
        #expect(node.int == nil)
    }

    @Test func leadingZeroIsDecimal() throws {
        let node = try value("0755")
        #expect(node.string == "0755")
        #expect(node.int == 755)
        #expect(try value("'0755'").int == nil)
    }

    @Test func scalarStyles() throws {
        let root = try YAMLParser().parse(
            "p: x\ns: 'x'\nd: \"x\"\nl: |\n  x\nf: >\n  x\n  y\n", file: "test.yaml")
        #expect(root["p"]?.scalar == YAMLNode.Scalar(text: "x", style: .plain))
        #expect(root["s"]?.scalar == YAMLNode.Scalar(text: "x", style: .singleQuoted))
        #expect(root["d"]?.scalar == YAMLNode.Scalar(text: "x", style: .doubleQuoted))
        #expect(root["l"]?.scalar == YAMLNode.Scalar(text: "x\n", style: .literal))
        #expect(root["f"]?.scalar == YAMLNode.Scalar(text: "x y\n", style: .folded))
    }

    @Test func nullForms() throws {
        for text in ["", "~", "null", "Null", "NULL"] {
            #expect(try value(text).isNull, "\(text.debugDescription) must be null")
        }
        for text in ["\"null\"", "'~'", "nULL", "none", "\"\""] {
            #expect(try !value(text).isNull, "\(text) must not be null")
        }
    }

    @Test func integerForms() throws {
        #expect(try value("0x1F").int == 31)
        #expect(try value("0o17").int == 15)
        #expect(try value("-12").int == -12)
        #expect(try value("+7").int == 7)
        #expect(try value("0").int == 0)
        for text in ["0x", "0o8", "1_000", "-0x1F", "12a", "1.0", "\"12\"", "+", "0b101"] {
            #expect(try value(text).int == nil, "\(text) must not be an integer")
        }
    }

    @Test func integerOverflowRejected() throws {
        let big = try value("9223372036854775808")
        #expect(big.integer(as: Int.self) == .outOfRange)
        #expect(big.int == nil)
        #expect(big.integer(as: UInt64.self) == .value(9_223_372_036_854_775_808))
        #expect(try value("-9223372036854775808").int == Int.min)
        #expect(try value("-1").integer(as: UInt64.self) == .outOfRange)
        #expect(try value("300").integer(as: UInt8.self) == .outOfRange)
        #expect(try value("0x100").integer(as: UInt8.self) == .outOfRange)
        #expect(try value("0xFF").integer(as: UInt8.self) == .value(255))
        #expect(try value("abc").integer(as: Int.self) == .notAnInteger)
    }

    @Test func floatForms() throws {
        #expect(try value("1e3").double == 1000)
        #expect(try value(".5").double == 0.5)
        #expect(try value("-2.5E-1").double == -0.25)
        #expect(try value("7").double == 7)
        #expect(try value(".inf").double == .infinity)
        #expect(try value("-.Inf").double == -.infinity)
        #expect(try value("+.INF").double == .infinity)
        #expect(try value(".NaN").double?.isNaN == true)
        for text in ["1e999", "abc", "1e", ".", "0x1F", "'1.5'", "inf", "-.nan"] {
            #expect(try value(text).double == nil, "\(text) must not be a float")
        }
    }

    @Test func coreTagsApplyToQuotedText() throws {
        #expect(try value("!!int \"7\"").int == 7)
        #expect(try value("!!bool 'true'").bool == true)
        #expect(try value("!!float '1.5'").double == 1.5)
        #expect(try value("!!null ''").isNull)
        #expect(try value("!!str 7").int == nil)
    }
}
