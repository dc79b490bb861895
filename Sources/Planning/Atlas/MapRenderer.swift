import Foundation
import GeoIO

/// The interactive map, the one renderer the atlas (and a server's map page) uses: Leaflet, each
/// layer in a pane of its own with its own SVG renderer, a legend whose entries switch layers on
/// and off, a scale bar, and a click on a feature showing its fields.
///
/// A layer carries its features in the page (the atlas, a file that opens offline) or names the
/// address the page reads them from when it opens (the server's map page, fed from its items
/// endpoints): one renderer for both.
///
/// Once drawn, the page writes into `<pre id="selfcheck">` what it drew, counted from the DOM:
/// the SVG paths in each legend layer's pane, beside the features its data holds, and every
/// error the page met. With `#selftest` in its address it also clicks a residential polygon and
/// records the popup's text.
public struct MapRenderer: Sendable {
    public let layers: [MapLayer]
    /// A tile URL template ({z}/{x}/{y}) for a base map; none by default: the page works offline.
    public let tiles: String?

    public init(layers: [MapLayer], tiles: String? = nil) {
        (self.layers, self.tiles) = (layers, tiles)
    }

    /// The map's element and the scripts holding its data and drawing it.
    public func html() throws -> String {
        var settings: [String: Any] = ["layers": layers.map(\.settings), "shareClasses": MapLayer.shareClasses.map(\.label)]
        if let tiles { settings["tiles"] = tiles }
        let data = try layers.filter { $0.url == nil }.map { layer in
            "<script type=\"application/json\" id=\"layer-\(layer.id)\">\(Self.scriptSafe(try layer.geoJSON()))</script>"
        }
        let json = String(decoding: try JSONSerialization.data(withJSONObject: settings, options: [.sortedKeys]), as: UTF8.self)
        return """
            <div id="map"></div>
            <pre id="selfcheck" hidden></pre>
            <script type="application/json" id="map-settings">\(Self.scriptSafe(json))</script>
            \(data.joined(separator: "\n"))
            <script>\(Self.script)</script>
            """
    }

    /// The origin a tile template fetches from, for the page's content security policy: its
    /// scheme and host, a label with a placeholder (`t{s}`) as a wildcard.
    public var tileOrigin: String? {
        guard let tiles, let scheme = tiles.range(of: "://") else { return nil }
        let host = tiles[scheme.upperBound...].prefix { $0 != "/" && $0 != "?" }
        return String(tiles[..<scheme.upperBound])
            + host.split(separator: ".").map { $0.contains("{") ? "*" : String($0) }.joined(separator: ".")
    }

    /// JSON inside a script element: "</" written as "<\/", which JSON reads the same.
    static func scriptSafe(_ json: String) -> String { json.replacingOccurrences(of: "</", with: "<\\/") }

    /// Collects the page's errors; goes first in the page's head, before any other script.
    public static let errorHook = #"""
        window.atlasErrors = [];
        (function () {
          var original = console.error;
          console.error = function () { window.atlasErrors.push(Array.prototype.join.call(arguments, ' ')); original.apply(console, arguments); };
          window.addEventListener('error', function (e) {
            window.atlasErrors.push('error: ' + (e.message || (e.target && (e.target.src || e.target.href)) || 'a resource failed'));
          }, true);
          window.addEventListener('unhandledrejection', function (e) { window.atlasErrors.push('unhandled rejection: ' + e.reason); });
          document.addEventListener('securitypolicyviolation', function (e) { window.atlasErrors.push('blocked: ' + e.blockedURI); });
        })();
        """#

    static let script = #"""
        (function () {
          var settings = JSON.parse(document.getElementById('map-settings').textContent);
          var map = L.map('map', {zoomSnap: 0.25});
          if (settings.tiles) L.tileLayer(settings.tiles, {maxZoom: 19}).addTo(map);
          L.control.scale({imperial: false}).addTo(map);
          var escape = function (text) {
            return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
          };
          var number = function (value) {
            return typeof value !== 'number' ? String(value) : Number.isInteger(value) ? String(value) : value.toFixed(2);
          };
          var shareClass = function (pct) { return Math.max(0, Math.min(3, Math.floor((pct || 0) / 25))); };
          var style = function (layer) {
            return function (feature) {
              if (layer.kind === 'share') {
                return {color: '#616161', weight: 0.5, fillColor: layer.classes[shareClass(feature.properties.covered_pct)], fillOpacity: 0.8};
              }
              if (layer.kind === 'hotspots') {
                var hard = feature.properties.hard_spot === 1;
                return {color: hard ? layer.hardColour : layer.colour, weight: hard ? 3 : 1.5, fillColor: hard ? layer.hardColour : layer.colour,
                        fillOpacity: hard ? 0.6 : 0.4, className: hard ? 'hard-spot' : 'hotspot'};
              }
              if (layer.kind === 'outline') {
                return {color: layer.colour, weight: layer.dashed ? 1.5 : 3, dashArray: layer.dashed ? '6 4' : null,
                        fill: !layer.dashed, fillOpacity: 0.15, fillColor: layer.colour};
              }
              return {color: layer.colour, weight: 1, fillColor: layer.colour, fillOpacity: layer.opacity};
            };
          };
          var popup = function (layer, properties) {
            var title = properties.name || properties.code || layer.title;
            var html = '<div class="popup-layer">' + escape(layer.title) + '</div><b>' + escape(title) + '</b>';
            if (layer.kind === 'hotspots' && properties.hard_spot === 1) {
              html += '<p class="hard-spot">热点难点 hard spot: open since ' + escape(properties.oldest_rep) + '</p>';
            }
            if (layer.kind === 'share') {
              html += '<p class="share">覆盖比例 covered share: <b>' + (properties.covered_pct || 0).toFixed(1) + ' %</b></p>';
            }
            var rows = Object.keys(properties).filter(function (key) {
              return properties[key] !== null && properties[key] !== '';
            }).map(function (key) {
              return '<tr><th>' + escape(key) + '</th><td>' + escape(number(properties[key])) + '</td></tr>';
            });
            return html + '<table>' + rows.join('') + '</table>';
          };

          var legend = L.control({position: 'bottomright'});
          var legendBox = L.DomUtil.create('div', 'atlas-legend');
          L.DomEvent.disableClickPropagation(legendBox);
          legend.onAdd = function () { return legendBox; };
          legend.addTo(map);

          // A live layer's features, page after page by the `next` links of its items endpoint.
          var fetchAll = function (url, collected) {
            return fetch(url, {headers: {Accept: 'application/geo+json'}}).then(function (response) {
              if (!response.ok) throw new Error(url + ': HTTP ' + response.status);
              return response.json();
            }).then(function (page) {
              collected = collected.concat(page.features);
              var next = (page.links || []).filter(function (link) { return link.rel === 'next'; })[0];
              return next ? fetchAll(next.href, collected) : {type: 'FeatureCollection', features: collected};
            });
          };
          var load = function (layer) {
            if (!layer.url) return Promise.resolve(JSON.parse(document.getElementById('layer-' + layer.id).textContent));
            return fetchAll(layer.url, []).catch(function (error) {
              window.atlasErrors.push(String(error));
              return {type: 'FeatureCollection', features: []};
            });
          };

          Promise.all(settings.layers.map(load)).then(function (loaded) {
            var bounds = L.latLngBounds([]);
            var drawn = {}, features = {};
            settings.layers.forEach(function (layer, order) {
              var data = loaded[order];
              var pane = map.createPane(layer.id);
              pane.style.zIndex = 400 + order;
              var renderer = L.svg({pane: layer.id});
              var group = L.geoJSON(data, {
                pane: layer.id, renderer: renderer, style: style(layer),
                pointToLayer: function (feature, latlng) { return L.circleMarker(latlng, {pane: layer.id, renderer: renderer, radius: 6}); },
                onEachFeature: function (feature, shape) { shape.bindPopup(popup(layer, feature.properties), {maxWidth: 360}); }
              });
              if (layer.kind === 'hotspots') {
                // Each 热点难点 labelled on the map, not only in its popup.
                group.eachLayer(function (shape) {
                  if (shape.feature.properties.hard_spot === 1) {
                    shape.bindTooltip('热点难点', {permanent: true, direction: 'center', className: 'hard-spot-label', pane: layer.id});
                  }
                });
              }
              drawn[layer.id] = group;
              features[layer.id] = data.features.length;
              if (data.features.length) bounds.extend(group.getBounds());
              if (layer.shown) group.addTo(map);

              var entry = L.DomUtil.create('label', 'legend-entry', legendBox);
              entry.setAttribute('data-layer', layer.id);
              var box = L.DomUtil.create('input', '', entry);
              box.type = 'checkbox';
              box.checked = layer.shown;
              box.addEventListener('change', function () { if (box.checked) group.addTo(map); else map.removeLayer(group); });
              var swatches = layer.kind === 'share' ? layer.classes : layer.kind === 'hotspots' ? [layer.colour, layer.hardColour] : [layer.colour];
              swatches.forEach(function (colour) {
                var swatch = L.DomUtil.create('span', 'swatch' + (layer.kind === 'outline' ? ' outline' : ''), entry);
                swatch.style[layer.kind === 'outline' ? 'borderColor' : 'background'] = colour;
              });
              L.DomUtil.create('span', 'legend-title', entry).textContent =
                layer.title + (layer.kind === 'share' ? ' (' + settings.shareClasses.join(', ') + ')' : '') + ' · ' + data.features.length;
            });
            if (bounds.isValid()) {
              map.fitBounds(bounds, {padding: [12, 12]});
            } else {
              map.setView([0, 0], 1);
              L.DomUtil.create('div', 'map-empty', document.getElementById('map')).textContent = 'Nothing to map yet: the project holds no features.';
            }
            window.addEventListener('beforeprint', function () {
              map.invalidateSize();
              if (bounds.isValid()) map.fitBounds(bounds, {padding: [12, 12], animate: false});
            });

            var selfcheck = function () {
              var report = {layers: [], errors: window.atlasErrors, popup: null};
              document.querySelectorAll('.atlas-legend [data-layer]').forEach(function (entry) {
                var id = entry.getAttribute('data-layer');
                var paths = Array.prototype.filter.call(document.querySelectorAll('.leaflet-' + id + '-pane path'), function (path) {
                  var d = path.getAttribute('d');
                  return d && d !== 'M0 0';
                }).length;
                var entry = {layer: id, paths: paths, features: features[id]};
                // The 热点难点 drawn as such, and labelled.
                if (drawn[id] && settings.layers.some(function (l) { return l.id === id && l.kind === 'hotspots'; })) {
                  entry.hardSpots = document.querySelectorAll('.leaflet-' + id + '-pane path.hard-spot').length;
                  entry.labels = document.querySelectorAll('.leaflet-' + id + '-pane .hard-spot-label').length;
                }
                report.layers.push(entry);
              });
              if (location.hash === '#selftest' && drawn.residential) {
                // A polygon partly within reach, where there is one: its share says most.
                var target = null;
                drawn.residential.eachLayer(function (shape) {
                  var pct = shape.feature.properties.covered_pct;
                  if (!target || (pct > 0 && pct < 100 && !(target.pct > 0 && target.pct < 100))) target = {shape: shape, pct: pct};
                });
                if (target) {
                  target = target.shape.getElement();
                  var box = target.getBoundingClientRect();
                  target.dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true, view: window,
                    clientX: box.left + box.width / 2, clientY: box.top + box.height / 2}));
                  var shown = document.querySelector('.leaflet-popup-content');
                  report.popup = shown ? shown.textContent : '';
                  drawn.residential.eachLayer(function (shape) {
                    if (shape.getElement() === target) report.clicked = shape.feature.properties.code;
                  });
                }
              }
              var out = document.getElementById('selfcheck');
              out.textContent = JSON.stringify(report);
              out.setAttribute('data-done', 'yes');
            };
            map.whenReady(function () { setTimeout(selfcheck, 200); });
          });
        })();
        """#
}
