"""One exception family. The CLI turns any GeoError into a one-line message and exit 1."""


class GeoError(Exception):
    """Base of every error the tool reports to the user as one line."""


class InputError(GeoError):
    """A document cannot be read: empty, binary, undecodable, unknown format."""


class GazetteerError(GeoError):
    """The gazetteer cannot be built or loaded."""


class GeocoderError(GeoError):
    """A geocoding service failed after its retries."""


class AssetError(GeoError):
    """A map asset (script, stylesheet, font) is missing or its URL is unknown."""


class ExportError(GeoError):
    """An export cannot be written (unknown layer or format, bad filter)."""
