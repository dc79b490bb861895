import Foundation
import GeoIO
import Planning

/// The HTML the feature service shows people on its routes: plain pages in the atlas's style.
enum HTMLPage {
    static func render(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="zh-CN"><head><meta charset="utf-8"><title>\(MarkupText.escaped(title))</title>
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <style>\(AtlasPage.style)</style></head><body>
        <p><a href="/">map</a> · <a href="/collections?f=html">collections</a> · <a href="/api">API</a> · <a href="/conformance?f=html">conformance</a></p>
        <h1>\(MarkupText.escaped(title))</h1>
        \(body)
        </body></html>

        """
    }

    /// A list of entries, each a link where it has an address.
    static func list(_ entries: [(text: String, href: String?)]) -> String {
        "<ul>" + entries.map { entry in
            entry.href.map { "<li><a href=\"\(MarkupText.escaped($0))\">\(MarkupText.escaped(entry.text))</a></li>" }
                ?? "<li>\(MarkupText.escaped(entry.text))</li>"
        }.joined() + "</ul>"
    }

    static func items(_ collection: ServedCollection, _ page: FeatureLayer, ids: [String], matched: Int, offset: Int,
                      links: [Link], base: String) -> String {
        let header = "<tr><th>id</th>" + page.fields.map { "<th>\(MarkupText.escaped($0.name))</th>" }.joined() + "</tr>"
        let rows = page.features.indices.map { index in
            let href = "\(base)/collections/\(collection.id)/items/\(ids[index].addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? "")?f=html"
            return "<tr><td><a href=\"\(MarkupText.escaped(href))\">\(MarkupText.escaped(ids[index]))</a></td>"
                + page.features[index].values.map { "<td>\(MarkupText.escaped($0.description))</td>" }.joined() + "</tr>"
        }
        let paging = links.filter { ["next", "prev"].contains($0.rel) }.map { (text: $0.rel == "next" ? "next page" : "previous page", href: Optional($0.href)) }
        return render(title: collection.title, body: "<p>features \(page.features.isEmpty ? 0 : offset + 1)–\(offset + page.features.count) of \(matched)</p>"
            + "<table>\(header)\(rows.joined(separator: "\n"))</table>" + list(paging))
    }

    static func item(_ collection: ServedCollection, _ feature: FeatureLayer, id: String) -> String {
        let rows = zip(feature.fields, feature.features[0].values).map { field, value in
            "<tr><th>\(MarkupText.escaped(field.name))</th><td>\(MarkupText.escaped(value.description))</td></tr>"
        }
        return render(title: "\(collection.title): \(id)", body: "<table>\(rows.joined())</table>")
    }
}
