import Testing
@testable import DocGenKit

/// docgen's Mustache engine, checked against the behaviours of the Mustache specification that
/// themes rely on.
@Suite struct TemplateTests {
    func render(_ template: String, _ data: [String: Any], partials: [String: String] = [:]) throws -> String {
        var library = TemplateLibrary()
        library.register(try Template(template), named: "main")
        for (name, text) in partials { library.register(try Template(text), named: name) }
        return library.render(TemplateValue(data), template: "main")
    }

    @Test func variablesAreEscapedUnlessTripleOrAmpersand() throws {
        let data: [String: Any] = ["x": "& \" < > '", "n": 42]
        #expect(try render("{{x}}|{{{x}}}|{{&x}}|{{n}}|{{missing}}", data) == "&amp; &quot; &lt; &gt; &#39;|& \" < > '|& \" < > '|42|")
        #expect(try render("|{{ x }}|{{{ n }}}|", data) == "|&amp; &quot; &lt; &gt; &#39;|42|")
    }

    @Test func dottedNamesResolveTheFirstPartThenDescend() throws {
        let data: [String: Any] = ["a": ["b": [:] as [String: Any]], "b": ["c": "wrong"], "person": ["name": "Joe"]]
        #expect(try render("{{person.name}}={{#person}}{{name}}{{/person}}", data) == "Joe=Joe")
        #expect(try render("[{{#a}}{{b.c}}{{/a}}]", data) == "[]")
        #expect(try render("[{{a.b.c.d}}]", data) == "[]")
    }

    @Test func sectionsIterateListsPushMapsAndSkipFalseValues() throws {
        let data: [String: Any] = [
            "list": [["item": 1], ["item": 2]], "empty": [Any](), "yes": true, "no": false,
            "names": ["a", "b"], "ctx": ["name": "Joe"], "outer": "O", "text": "",
        ]
        #expect(try render("{{#list}}{{item}}{{/list}}", data) == "12")
        #expect(try render("[{{#empty}}x{{/empty}}][{{^empty}}none{{/empty}}]", data) == "[][none]")
        #expect(try render("{{#yes}}Y{{/yes}}{{#no}}N{{/no}}{{^no}}!{{/no}}{{#nothing}}?{{/nothing}}", data) == "Y!")
        #expect(try render("{{#names}}({{.}}){{/names}}", data) == "(a)(b)")
        #expect(try render("{{#ctx}}Hi {{name}} {{outer}}{{/ctx}}", data) == "Hi Joe O")
        #expect(try render("{{#text}}empty strings are true{{/text}}", data) == "empty strings are true")
    }

    @Test func standaloneTagsTakeTheirWholeLine() throws {
        let data: [String: Any] = ["b": true]
        #expect(try render("| This\n{{#b}}\n|\n{{/b}}\n| Line\n", data) == "| This\n|\n| Line\n")
        #expect(try render("| This\n  {{#b}}\n|\n  {{/b}}\n| Line\n", data) == "| This\n|\n| Line\n")
        #expect(try render("|\r\n{{#b}}\r\n{{/b}}\r\n|", data) == "|\r\n|")
        #expect(try render("  {{#b}}\n#{{/b}}\n/", data) == "#\n/")
        #expect(try render("#{{#b}}\n/\n  {{/b}}", data) == "#\n/\n")
        #expect(try render(" {{#b}}YES{{/b}}\n {{#b}}GOOD{{/b}}\n", data) == " YES\n GOOD\n")
        #expect(try render("a\n  {{! a comment }}\nb", data) == "a\nb")
        #expect(try render("  {{x}}\n", ["x": "---"]) == "  ---\n")
    }

    @Test func partialsRecurseAndIndentTheirLines() throws {
        let tree: [String: Any] = ["content": "X", "nodes": [["content": "Y", "nodes": [Any]()]]]
        #expect(try render("{{>node}}", tree, partials: ["node": "{{content}}<{{#nodes}}{{>node}}{{/nodes}}>"]) == "X<Y<>>")
        #expect(try render("\\\n {{>p}}\n/\n", ["content": "<\n->"], partials: ["p": "|\n{{{content}}}\n|\n"])
                == "\\\n |\n <\n->\n |\n/\n")
        #expect(try render("  {{data}}  {{> p}}\n", ["data": "|"], partials: ["p": ">\n>"]) == "  |  >\n>\n")
        #expect(try render("[{{>missing}}]", [:]) == "[]")
    }

    @Test func aPartialRegisteredAgainReplacesTheOneLinkedBefore() throws {
        var library = TemplateLibrary()
        library.register(try Template("<{{>p}}|{{#list}}{{>p}}{{/list}}>"), named: "main")
        library.register(try Template("old"), named: "p")
        library.register(try Template("{{x}}"), named: "p")
        let data = TemplateValue(["x": "&", "list": [["x": "1"], ["x": "2"]]] as [String: Any])
        #expect(library.render(data, template: "main") == "<&amp;|12>")
        #expect(library.renderBytes(data, template: "main") == Array("<&amp;|12>".utf8))
        #expect(library.renderBytes(data, template: "missing") == [])
    }

    @Test func delimitersCanBeChanged() throws {
        #expect(try render("{{=<% %>=}}(<%x%>) {{x}}", ["x": "y"]) == "(y) {{x}}")
    }

    @Test func mistakesAreSyntaxErrorsWithTheirPlace() {
        func error(_ text: String) -> Template.SyntaxError? {
            do { _ = try Template(text); return nil } catch { return error }
        }
        let unclosed = error("a\n  {{#list}}\nb")
        #expect(unclosed?.line == 2 && unclosed?.column == 3)
        #expect(unclosed?.message == "section '{{#list}}' is never closed")
        let mismatched = error("{{#a}}{{/b}}")
        #expect(mismatched?.message == "'{{/b}}' closes '{{#a}}' (opened at line 1)")
        #expect(error("x {{name")?.message == "tag is never closed with '}}'")
        #expect(error("{{/a}}")?.message == "'{{/a}}' closes no open section")
        #expect(error("{{<parent}}{{/parent}}") != nil)
        #expect(error("{{}}")?.message == "empty tag")
    }
}
