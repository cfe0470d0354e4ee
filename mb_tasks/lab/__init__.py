"""modbias lab: small LLaVA models trained on CPU with a known, graded cause of modality bias."""
