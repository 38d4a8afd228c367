//! The `check:` section of `.ike.yaml`: the opt-in lints of `ike check`.

use serde::Deserialize;

/// Settings of `ike check`. Every key is optional; unknown keys are an error.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CheckSettings {
    /// Warn where the Obsidian Tasks plugin would read a task differently from ike:
    /// metadata followed by other text, metadata on a continuation line.
    pub obsidian_compat: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_yaml() {
        let rows = [
            ("{}", Ok(CheckSettings::default())),
            (
                "obsidian_compat: true",
                Ok(CheckSettings {
                    obsidian_compat: true,
                }),
            ),
            ("obsidian_compt: true", Err(())),
        ];
        for (yaml, want) in rows {
            let got: Result<CheckSettings, _> = serde_saphyr::from_str(yaml);
            assert_eq!(got.map_err(|_| ()), want, "{yaml}");
        }
    }
}
