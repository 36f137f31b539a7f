extension PageContext {
    /// A breadcrumb before its href, which depends on the page that shows it.
    struct Crumb: Sendable {
        var title: String
        var url: String
    }

    /// The breadcrumbs of the pages in the navigation, made once per folder: every page of a
    /// folder shows the same ones (an index page drops the last, its own folder). Pages outside
    /// the navigation work theirs out one by one, in `breadcrumbs(for:)`.
    static func trails(pages: [Page], navigation: Navigation) -> [String: [Crumb]] {
        var trails: [String: [Crumb]] = [:]
        for page in pages where page.inNavigation && trails[page.folder] == nil {
            trails[page.folder] = Navigation.ancestors(of: page.folder).map { folder in
                if let index = navigation.folderIndex[folder] {
                    return Crumb(title: folder.isEmpty ? "Home" : pages[index].title, url: pages[index].url)
                } else if folder.isEmpty {
                    return Crumb(title: "Home", url: "")
                } else {
                    return Crumb(title: Navigation.humanize(String(folder.split(separator: "/").last!)), url: folder + "/")
                }
            }
        }
        return trails
    }
}
