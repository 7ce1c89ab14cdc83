"""The one YAML loader the program uses: safe (plain data only), and libyaml's when present."""

from __future__ import annotations

import yaml

SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
