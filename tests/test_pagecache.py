"""The atlas page kept between builds (geo.render.pagecache): the same map inputs give the kept
page without rendering, any change of rows, geometry or title renders afresh."""

from shapely.geometry import Point, box

from geo.api import Layer
from geo.render import pagecache


def layers(lat=36.0, km2=10):
    return {
        "events": Layer([{"event_id": "e1", "lat": lat, "lon": 43.0}], ["event_id", "lat", "lon"],
                        [Point(43.0, lat)]),
        "bases": Layer([], ["name"], []),
        "territory": Layer([{"holder": "ISIL", "km2": km2}], ["holder", "km2"], [box(40, 30, 41, 31)]),
        "involvement": Layer([{"country": "Iraq"}], ["country"]),
    }


def test_same_inputs_reuse_the_page_and_changes_render_again(tmp_path, monkeypatch):
    monkeypatch.setenv("GEO_CACHE_DIR", str(tmp_path))
    rendered = []

    def render(text):
        def make():
            rendered.append(text)
            return text
        return make

    assert pagecache.cached_page(layers(), "T", render("<html>1</html>")) == "<html>1</html>"
    assert pagecache.cached_page(layers(), "T", render("<html>2</html>")) == "<html>1</html>"
    assert rendered == ["<html>1</html>"]
    assert pagecache.cached_page(layers(lat=36.5), "T", render("<html>3</html>")) == "<html>3</html>"
    assert pagecache.cached_page(layers(km2=11), "T", render("<html>4</html>")) == "<html>4</html>"
    assert pagecache.cached_page(layers(), "Other title", render("<html>5</html>")) == "<html>5</html>"
    assert len(rendered) == 4


def test_territory_geometry_is_part_of_the_key():
    moved = layers()
    moved["territory"] = Layer(moved["territory"].rows, moved["territory"].columns, [box(40, 30, 41, 32)])
    assert pagecache.page_key(layers(), None) != pagecache.page_key(moved, None)
    assert pagecache.page_key(layers(), None) == pagecache.page_key(layers(), None)
