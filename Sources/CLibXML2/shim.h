#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <string.h>

/// Called for every start tag: the tag name, NULL-terminated name/value pairs, the line.
typedef void (*docgen_element_callback)(void *user, const char *name, const char **attributes, int line);

struct docgen_sax_state {
    void *user;
    docgen_element_callback callback;
    htmlParserCtxtPtr context;
};

static inline void docgen_sax_start(void *ctx, const xmlChar *name, const xmlChar **attributes) {
    struct docgen_sax_state *state = (struct docgen_sax_state *)ctx;
    int line = state->context && state->context->input ? state->context->input->line : 0;
    state->callback(state->user, (const char *)name, (const char **)attributes, line);
}

static inline void docgen_sax_silent(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }

/// Parses an HTML document with libxml2's HTML parser, streaming start tags to `callback`
/// without building a tree. Returns 0 on success.
static inline int docgen_html_scan(const char *bytes, int length, const char *name, void *user,
                                   docgen_element_callback callback) {
    htmlSAXHandler sax;
    memset(&sax, 0, sizeof(sax));
    sax.startElement = docgen_sax_start;
    sax.warning = docgen_sax_silent;
    sax.error = docgen_sax_silent;
    sax.initialized = 1;
    struct docgen_sax_state state = { user, callback, NULL };
    htmlParserCtxtPtr context = htmlCreateMemoryParserCtxt(bytes, length);
    if (!context) return -1;
    (void)name;
    state.context = context;
    htmlCtxtUseOptions(context, HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_RECOVER | HTML_PARSE_NOIMPLIED);
    /* Swap in our handler: start tags only, no tree. */
    htmlSAXHandlerPtr original = (htmlSAXHandlerPtr)context->sax;
    context->sax = (xmlSAXHandlerPtr)&sax;
    context->userData = &state;
    htmlParseDocument(context);
    context->sax = (xmlSAXHandlerPtr)original;
    context->userData = context;
    htmlFreeParserCtxt(context);
    return 0;
}

static inline void docgen_xml_silence(void) {
    xmlSetGenericErrorFunc(NULL, NULL);
}
