#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

static inline void docgen_xml_silence(void) {
    xmlSetGenericErrorFunc(NULL, NULL);
}
