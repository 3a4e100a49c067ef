// Search with or without accents: "acces" and "accès" both find "accès", "quebec" finds "Québec".
// Runs in Material's search worker, imported by lunr/min/lunr.policy-fr.min.js and lunr.policy-en.min.js.
(function () {
  "use strict";
  var LIGATURES = { "œ": "oe", "æ": "ae" };
  function plain(word) {
    return word
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[œæ]/g, function (ligature) {
        return LIGATURES[ligature];
      });
  }
  // Index a word both as written and without its accents: Material searches words as prefixes,
  // which lunr matches without running them through this pipeline, so both forms must be there.
  function fold(token) {
    var folded = plain(token.toString());
    if (folded === token.toString()) {
      return token;
    }
    return [
      token,
      token.clone(function () {
        return folded;
      }),
    ];
  }
  lunr.Pipeline.registerFunction(fold, "policyFold");
  lunr.policyFold = fold;

  // A search "language" for Material: the base language's pipeline, then the folding, on both the
  // text indexed and the words searched. Material removes the functions its `pipeline` setting does
  // not keep by looking them up on the language, hence the same names here.
  lunr.policyLanguage = function (base) {
    function language() {
      if (base !== lunr) {
        base.call(this);
      }
      this.pipeline.add(fold);
      if (this.searchPipeline) {
        this.searchPipeline.add(fold);
      }
    }
    language.trimmer = base.trimmer;
    language.stopWordFilter = base.stopWordFilter;
    language.stemmer = base.stemmer;
    return language;
  };
})();
