/* syllabus default theme: French words for search.js, which loads this only when a site's
 * index is French (meta.json's "stemmer": "french"): the stop words and letters of
 * src/search/stemming.rs, and Snowball's French stemmer, written from the algorithm's
 * published description. src/search/agreement.rs checks them against the build's (the
 * rust-stemmers crate) on tens of thousands of words.
 *
 * The steps keep the description's names. The prelude marks u, i and y that act as
 * consonants as U, I and Y (not vowels, for the regions); the postlude lowers them again.
 */
(function () {
  "use strict";

  var VOWELS = "aeiouyâàëéêèïîôûù";
  function vowel(c) { return !!c && VOWELS.indexOf(c) >= 0; }
  /* The end of the first non-vowel after a vowel, from `from` on: where R1 (from 0) and R2
     (from R1) start. */
  function region(w, from) {
    for (var i = from; i < w.length; i++) {
      if (vowel(w.charAt(i))) {
        for (var j = i + 1; j < w.length; j++) if (!vowel(w.charAt(j))) return j + 1;
        return w.length;
      }
    }
    return w.length;
  }
  /* {rule: "suffix suffix ..."} as {suffix: rule}. */
  function suffixes(rules) {
    var table = {};
    Object.keys(rules).forEach(function (rule) {
      rules[rule].split(" ").forEach(function (x) { table[x] = rule; });
    });
    return table;
  }
  /* The longest suffix of w in `table` that starts at `from` or later, or "". */
  function suffix(w, from, table) {
    for (var i = Math.max(from, 0); i < w.length; i++) {
      if (Object.prototype.hasOwnProperty.call(table, w.slice(i))) return w.slice(i);
    }
    return "";
  }
  var STANDARD = suffixes({
    r2: "ance iqUe isme able iste eux ances iqUes ismes ables istes",
    ation: "atrice ateur ation atrices ateurs ations", logie: "logie logies",
    usion: "usion ution usions utions", ence: "ence ences", ement: "ement ements", ite: "ité ités",
    ive: "if ive ifs ives", eaux: "eaux", aux: "aux", euse: "euse euses",
    issement: "issement issements", amment: "amment", emment: "emment", ment: "ment ments"
  });
  var AFTER_EMENT = suffixes({ iv: "iv", eus: "eus", r2: "abl iqU", ier: "ièr Ièr" });
  var AFTER_ITE = suffixes({ abil: "abil", ic: "ic", iv: "iv" });
  var I_VERB = suffixes({
    i: "îmes ît îtes i ie ies ir ira irai iraIent irais irait iras irent irez iriez irions irons " +
      "iront is issaIent issais issait issant issante issantes issants isse issent isses issez " +
      "issiez issions issons it"
  });
  var VERB = suffixes({
    ions: "ions",
    drop: "é ée ées és èrent er era erai eraIent erais erait eras erez eriez erions erons eront ez iez",
    dropE: "âmes ât âtes a ai aIent ais ait ant ante antes ants as asse assent asses assiez assions"
  });
  var RESIDUAL = suffixes({ ion: "ion", ier: "ier ière Ier Ière", e: "e", guE: "ë" });

  function prelude(word) {
    var c = word.split("");
    for (var i = 0; i < c.length; i++) {
      var next = c[i + 1];
      if (vowel(c[i]) && (next === "u" || next === "i") && vowel(c[i + 2])) c[i + 1] = next.toUpperCase();
      else if (vowel(c[i]) && next === "y") c[i + 1] = "Y";
      else if (c[i] === "y" && vowel(next)) c[i] = "Y";
      else if (c[i] === "q" && next === "u") c[i + 1] = "U";
    }
    return c.join("");
  }
  /* The word and the starts of its regions RV, R1 and R2. */
  function regions(word) {
    var w = prelude(word), rv = w.length, r1 = region(w, 0);
    if (w.length > 2 && vowel(w.charAt(0)) && vowel(w.charAt(1)) || /^(par|col|tap)/.test(w)) rv = 3;
    else for (var i = 1; i < w.length; i++) if (vowel(w.charAt(i))) { rv = i + 1; break; }
    return { w: w, rv: rv, r1: r1, r2: region(w, r1) };
  }
  /* Step 1: true when it removed a standard suffix (then step 2 is skipped). */
  function standard(f) {
    var x = suffix(f.w, 0, STANDARD), at = f.w.length - x.length, rest = f.w.slice(0, at);
    if (!x) return false;
    var rule = STANDARD[x], inR2 = at >= f.r2, inR1 = at >= f.r1;
    /* "ic" before what was removed: removed in R2, else made "iqU". */
    function ic(base, from) {
      if (base.endsWith("ic")) f.w = base.slice(0, -2) + (from - 2 >= f.r2 ? "" : "iqU");
    }
    switch (rule) {
      case "r2": if (inR2) f.w = rest; return inR2;
      case "logie": if (inR2) f.w = rest + "log"; return inR2;
      case "usion": if (inR2) f.w = rest + "u"; return inR2;
      case "ence": if (inR2) f.w = rest + "ent"; return inR2;
      case "ation":
        if (!inR2) return false;
        f.w = rest;
        ic(rest, at);
        return true;
      case "ive":
        if (!inR2) return false;
        f.w = rest;
        if (rest.endsWith("at") && at - 2 >= f.r2) {
          f.w = rest.slice(0, -2);
          ic(f.w, at - 2);
        }
        return true;
      case "ement":
        if (at < f.rv) return false;
        f.w = rest;
        afterEment(f);
        return true;
      case "ite":
        if (!inR2) return false;
        f.w = rest;
        afterIte(f);
        return true;
      case "eaux": f.w = rest + "eau"; return true;
      case "aux": if (inR1) f.w = rest + "al"; return inR1;
      case "euse":
        if (inR2) f.w = rest;
        else if (inR1) f.w = rest + "eux";
        return inR1;
      case "issement":
        if (!inR1 || at === 0 || vowel(rest.charAt(at - 1))) return false;
        f.w = rest;
        return true;
      /* These go on to step 2a, whatever they did. */
      case "amment": if (at >= f.rv) f.w = rest + "ant"; return false;
      case "emment": if (at >= f.rv) f.w = rest + "ent"; return false;
      default: /* ment, ments */
        if (at - 1 >= f.rv && vowel(rest.charAt(at - 1))) f.w = rest;
        return false;
    }
  }
  function afterEment(f) {
    var x = suffix(f.w, 0, AFTER_EMENT), at = f.w.length - x.length, rest = f.w.slice(0, at);
    if (!x) return;
    var rule = AFTER_EMENT[x];
    if (rule === "iv" && at >= f.r2) f.w = rest.endsWith("at") && at - 2 >= f.r2 ? rest.slice(0, -2) : rest;
    else if (rule === "eus" && at >= f.r2) f.w = rest;
    else if (rule === "eus" && at >= f.r1) f.w = rest + "eux";
    else if (rule === "r2" && at >= f.r2) f.w = rest;
    else if (rule === "ier" && at >= f.rv) f.w = rest + "i";
  }
  function afterIte(f) {
    var x = suffix(f.w, 0, AFTER_ITE), at = f.w.length - x.length, rest = f.w.slice(0, at);
    if (!x) return;
    if (at >= f.r2) f.w = rest;
    else if (x === "abil") f.w = rest + "abl";
    else if (x === "ic") f.w = rest + "iqU";
  }
  /* Step 2a: an i-verb suffix in RV after a non-vowel, itself in RV. */
  function iVerb(f) {
    var x = suffix(f.w, f.rv, I_VERB), at = f.w.length - x.length;
    if (!x || at <= f.rv || vowel(f.w.charAt(at - 1))) return false;
    f.w = f.w.slice(0, at);
    return true;
  }
  /* Step 2b: another verb suffix in RV. */
  function verb(f) {
    var x = suffix(f.w, f.rv, VERB), at = f.w.length - x.length, rule = VERB[x];
    if (!x || rule === "ions" && at < f.r2) return false;
    f.w = f.w.slice(0, at);
    if (rule === "dropE" && f.w.endsWith("e") && at - 1 >= f.rv) f.w = f.w.slice(0, -1);
    return true;
  }
  /* Step 4, when steps 1 and 2 removed nothing. */
  function residual(f) {
    var n = f.w.length;
    if (n > 1 && f.w.charAt(n - 1) === "s" && "aiouès".indexOf(f.w.charAt(n - 2)) < 0) f.w = f.w.slice(0, -1);
    var x = suffix(f.w, f.rv, RESIDUAL), at = f.w.length - x.length, rest = f.w.slice(0, at), rule = RESIDUAL[x];
    if (!x) return;
    if (rule === "ion" && at >= f.r2 && at - 1 >= f.rv && /[st]$/.test(rest)) f.w = rest;
    else if (rule === "ier") f.w = rest + "i";
    else if (rule === "e") f.w = rest;
    else if (rule === "guE" && rest.endsWith("gu") && at - 2 >= f.rv) f.w = rest;
  }
  function stem(word) {
    var f = regions(word);
    if (standard(f) || iVerb(f) || verb(f)) {
      /* Step 3 */
      if (f.w.endsWith("Y")) f.w = f.w.slice(0, -1) + "i";
      else if (f.w.endsWith("ç")) f.w = f.w.slice(0, -1) + "c";
    } else residual(f);
    var w = f.w;
    /* Step 5: undouble */
    if (/(enn|onn|ett|ell|eill)$/.test(w)) w = w.slice(0, -1);
    /* Step 6: unaccent an é or è before the final non-vowels */
    var i = w.length;
    while (i > 0 && !vowel(w.charAt(i - 1))) i--;
    if (i > 0 && i < w.length && /[éè]/.test(w.charAt(i - 1))) w = w.slice(0, i - 1) + "e" + w.slice(i);
    return w.replace(/[IUY]/g, function (c) { return c.toLowerCase(); });
  }
  var french = {
    stem: stem, letters: /^[a-zàâæçéèêëîïôœùûüÿ]+$/,
    stop: " au aux avec ce ces dans de des du elle en est et il ils la le les ne ou par pas pour qu que qui sa se ses son sont sur un une "
  };
  if (typeof window === "object") (window.sylStemmers = window.sylStemmers || {}).french = french;
  else if (typeof module === "object") module.exports = french;
})();
